import type { ActiveCondition } from './alert-evaluator.js';
import type { Notification, NotificationKind, Notifier } from './notifiers/notification.js';
import { createNotification } from './notifiers/notification.js';
import type { MonitorStore, StoredAlert } from './store.js';
import type { Alert } from './types.js';

const RESOLVED_RETRY_MS = 24 * 3_600_000;

export interface AlertManagerOptions {
  readonly store: MonitorStore;
  readonly notifiers: readonly Notifier[];
  readonly stack: string;
  /** Send a reminder this often while an alert fires; 0 turns reminders off. @default 4 h */
  readonly reminderMs?: number;
  /**
   * How long an outage stays open after its last alert resolved: an alert of the same group that
   * fires within it joins the outage (no new notification), and the resolved message waits for it.
   * @default 0
   */
  readonly holdMs?: number;
  /** Per notifier and message. @default 10 s */
  readonly sendTimeoutMs?: number;
  readonly now: () => number;
  readonly onAlert: (alert: Alert) => void;
  readonly onNotifyError?: (notifier: string, error: unknown) => void;
}

export interface DeliveryResult {
  readonly notifier: string;
  readonly ok: boolean;
  readonly message: string;
}

export interface AlertManager {
  /** Open alerts for new conditions, resolve those whose condition ended, send what is due. */
  reconcile(active: readonly ActiveCondition[]): void;
  firing(): readonly StoredAlert[];
  sendTest(): Promise<DeliveryResult[]>;
  /** Wait for notifications in flight. */
  settle(): Promise<void>;
}

/**
 * Alerts of one service and one severity that fire at the same time are one outage: they share a
 * group, and the group, not each alert, is notified. Alerts without a service (disk, backup) are
 * each their own group.
 */
export function alertGroupKey(alert: Pick<Alert, 'key' | 'service' | 'severity'>): string {
  return alert.service === undefined ? alert.key : `service:${alert.service}:${alert.severity}`;
}

/**
 * The firing → resolved lifecycle, stored in SQLite so a restart neither forgets a firing alert
 * nor notifies it twice. Each alert is stored on its own; notifications go per outage (see
 * alertGroupKey): one when the first alert of a group fires (retried on the next round until some
 * notifier accepts it), listing every alert firing then; alerts that join the open group later are
 * covered by it and send nothing; a reminder every `reminderMs` while the group fires; one
 * resolved message, listing every alert of the outage, when the last of them resolves.
 */
export function createAlertManager(options: AlertManagerOptions): AlertManager {
  const reminderMs = options.reminderMs ?? 4 * 3_600_000;
  const holdMs = options.holdMs ?? 0;
  const timeoutMs = options.sendTimeoutMs ?? 10_000;
  const firing = new Map<string, StoredAlert>(options.store.firingAlerts().map((alert) => [alert.key, alert]));
  const sending = new Set<string>();
  const inFlight = new Set<Promise<unknown>>();

  const deliver = async (notification: Notification): Promise<DeliveryResult[]> =>
    Promise.all(
      options.notifiers.map(async (notifier) => {
        try {
          await notifier.send(notification, AbortSignal.timeout(timeoutMs));
          return { notifier: notifier.name, ok: true, message: 'delivered' };
        } catch (error: unknown) {
          options.onNotifyError?.(notifier.name, error);
          const message =
            error instanceof Error ? (error.name === 'TimeoutError' ? `timed out after ${timeoutMs} ms` : error.message) : String(error);
          return { notifier: notifier.name, ok: false, message: message.slice(0, 300) };
        }
      }),
    );

  const markNotified = (alert: StoredAlert, at: number): void => {
    options.store.markNotified(alert.id, at);
    const current = firing.get(alert.key);
    if (current?.id === alert.id) firing.set(alert.key, { ...current, lastNotifiedAt: at });
  };

  const notify = (group: string, alerts: readonly StoredAlert[], kind: NotificationKind): void => {
    const sendKey = `${kind === 'resolved' ? 'resolved' : 'firing'}:${group}`;
    if (options.notifiers.length === 0 || sending.has(sendKey)) return;
    sending.add(sendKey);
    const now = options.now();
    const work = deliver(createNotification(kind, options.stack, alerts, now))
      .then((results) => {
        if (!results.some((result) => result.ok)) return;
        for (const alert of alerts) {
          if (kind === 'resolved') options.store.markResolvedNotified(alert.id);
          else markNotified(alert, now);
        }
      })
      .catch(() => undefined)
      .finally(() => sending.delete(sendKey));
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work));
  };

  return {
    reconcile(active) {
      const now = options.now();
      const activeKeys = new Set<string>();
      for (const condition of active) {
        activeKeys.add(condition.key);
        if (firing.has(condition.key)) continue;
        const alert = options.store.openAlert({
          ruleId: condition.ruleId,
          key: condition.key,
          service: condition.service,
          severity: condition.severity,
          summary: condition.summary,
          startedAt: now,
        });
        firing.set(condition.key, alert);
        options.onAlert(alert);
      }
      for (const [key, alert] of [...firing]) {
        if (activeKeys.has(key)) continue;
        options.store.resolveAlert(alert.id, now);
        firing.delete(key);
        options.onAlert({ ...alert, state: 'resolved', resolvedAt: now });
      }

      // Alerts whose firing was notified and whose resolution is not sent yet (retried for a day, not forever).
      const pending = options.store.unnotifiedResolved(now - RESOLVED_RETRY_MS);
      const groups = groupAlerts([...firing.values(), ...pending]);
      for (const [group, alerts] of groups) {
        const live = alerts.filter((alert) => alert.state === 'firing');
        const ended = alerts.filter((alert) => alert.state !== 'firing');
        // An alert that ended within the hold still belongs to the outage: a check that fails later
        // (an HTTP check after its threshold, once the container has restarted) joins it.
        const recent = ended.filter((alert) => (alert.resolvedAt ?? 0) > now - holdMs);
        if (live.length === 0) {
          if (recent.length === 0) notify(group, ended, 'resolved');
          continue;
        }
        const notified = [...live, ...recent].filter((alert) => alert.lastNotifiedAt !== undefined);
        if (notified.length === 0) {
          notify(group, live, 'firing');
          continue;
        }
        // Joined an outage that was already notified: covered by that message, and by its resolution.
        const last = Math.max(...notified.map((alert) => alert.lastNotifiedAt ?? 0));
        for (const alert of live) if (alert.lastNotifiedAt === undefined) markNotified(alert, last);
        if (reminderMs > 0 && now - last >= reminderMs) notify(group, live, 'reminder');
      }
    },
    firing: () => [...firing.values()],
    async sendTest() {
      if (options.notifiers.length === 0) return [];
      return deliver(createNotification('test', options.stack, undefined, options.now()));
    },
    async settle() {
      await Promise.allSettled([...inFlight]);
    },
  };
}

/** Alerts by group, each group oldest first. */
function groupAlerts(alerts: readonly StoredAlert[]): Map<string, StoredAlert[]> {
  const groups = new Map<string, StoredAlert[]>();
  for (const alert of alerts) {
    const group = alertGroupKey(alert);
    const members = groups.get(group) ?? [];
    members.push(alert);
    groups.set(group, members);
  }
  for (const members of groups.values()) members.sort((a, b) => a.startedAt - b.startedAt || a.id - b.id);
  return groups;
}
