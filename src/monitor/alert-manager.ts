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
 * The firing → resolved lifecycle, stored in SQLite so a restart neither forgets a firing alert
 * nor notifies it twice. One notification when an alert starts firing (retried on the next round
 * until some notifier accepts it), a reminder every `reminderMs` while it fires, one when it resolves.
 */
export function createAlertManager(options: AlertManagerOptions): AlertManager {
  const reminderMs = options.reminderMs ?? 4 * 3_600_000;
  const timeoutMs = options.sendTimeoutMs ?? 10_000;
  const firing = new Map<string, StoredAlert>(options.store.firingAlerts().map((alert) => [alert.key, alert]));
  const sending = new Set<number>();
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

  const notify = (alert: StoredAlert, kind: NotificationKind): void => {
    if (options.notifiers.length === 0 || sending.has(alert.id)) return;
    sending.add(alert.id);
    const now = options.now();
    const work = deliver(createNotification(kind, options.stack, alert, now))
      .then((results) => {
        if (!results.some((result) => result.ok)) return;
        if (kind === 'resolved') options.store.markResolvedNotified(alert.id);
        else {
          options.store.markNotified(alert.id, now);
          const current = firing.get(alert.key);
          if (current?.id === alert.id) firing.set(alert.key, { ...current, lastNotifiedAt: now });
        }
      })
      .catch(() => undefined)
      .finally(() => sending.delete(alert.id));
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
        const resolved: StoredAlert = { ...alert, state: 'resolved', resolvedAt: now };
        options.onAlert(resolved);
        if (alert.lastNotifiedAt !== undefined) notify(resolved, 'resolved');
      }
      for (const alert of firing.values()) {
        if (alert.lastNotifiedAt === undefined) notify(alert, 'firing');
        else if (reminderMs > 0 && now - alert.lastNotifiedAt >= reminderMs) notify(alert, 'reminder');
      }
      // The resolved message failed before (retried for a day, not forever).
      for (const alert of options.store.unnotifiedResolved(now - RESOLVED_RETRY_MS)) if (!sending.has(alert.id)) notify(alert, 'resolved');
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
