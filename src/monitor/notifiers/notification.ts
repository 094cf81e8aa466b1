import type { Alert } from '../types.js';

export type NotificationKind = 'firing' | 'reminder' | 'resolved' | 'test';

/** One message to every notifier: about one alert, or about one outage (several alerts of a service). */
export interface Notification {
  readonly kind: NotificationKind;
  readonly stack: string;
  /** The first alert of the outage (what the title names); undefined for a test. */
  readonly alert: Alert | undefined;
  /** Every alert of the outage, oldest first (one for most notifications). */
  readonly alerts: readonly Alert[];
  readonly title: string;
  readonly text: string;
  /** Epoch ms. */
  readonly at: number;
}

export interface Notifier {
  readonly name: string;
  /** `webhook`, `slack`, `ntfy`, `email`, or a type a later version adds. */
  readonly type: string;
  /** Deliver or throw; the caller bounds the time with `signal`. */
  send(notification: Notification, signal: AbortSignal): Promise<void>;
}

const LABEL: Record<NotificationKind, string> = { firing: 'FIRING', reminder: 'STILL FIRING', resolved: 'RESOLVED', test: 'TEST' };

/**
 * Title and text of a notification, the same on every channel. Several alerts (one outage of a
 * service) make one message: the title names the first, the text lists them all.
 */
export function createNotification(
  kind: NotificationKind,
  stack: string,
  alerts: Alert | readonly Alert[] | undefined,
  at: number,
): Notification {
  const list: readonly Alert[] = alerts === undefined ? [] : 'id' in alerts ? [alerts] : alerts;
  const alert = list[0];
  if (!alert) {
    return {
      kind,
      stack,
      alert,
      alerts: list,
      at,
      title: `[TEST] aistack ${stack}: test notification`,
      text: `This is a test notification from the aistack monitor of stack "${stack}". If you read this, alerts reach you here.`,
    };
  }
  const more = list.length > 1 ? ` (+${list.length - 1} more)` : '';
  const title = `[${LABEL[kind]}] ${stack}: ${alert.summary}${more}`;
  const since = new Date(alert.startedAt).toISOString();
  if (list.length === 1) {
    const text =
      kind === 'resolved'
        ? `Resolved: ${alert.summary} (${alert.severity}, firing since ${since}, resolved ${new Date(alert.resolvedAt ?? at).toISOString()})`
        : `${alert.severity.toUpperCase()}: ${alert.summary}${alert.service ? ` (service ${alert.service})` : ''}, firing since ${since}`;
    return { kind, stack, alert, alerts: list, at, title, text };
  }
  const subject = alert.service ? `service ${alert.service}` : 'the stack';
  const head =
    kind === 'resolved'
      ? `Resolved: ${list.length} problems of ${subject} (${alert.severity}), since ${since}, resolved ${new Date(
          Math.max(...list.map((entry) => entry.resolvedAt ?? at)),
        ).toISOString()}:`
      : `${alert.severity.toUpperCase()}: ${list.length} problems of ${subject}, since ${since}:`;
  const lines = list.map((entry) => `- ${entry.summary} (since ${new Date(entry.startedAt).toISOString()})`);
  return { kind, stack, alert, alerts: list, at, title, text: [head, ...lines].join('\n') };
}

/** POST a body and throw on anything but 2xx, with the status in the message (never the URL's secrets). */
export async function postBody(url: string, body: string, headers: Record<string, string>, signal: AbortSignal): Promise<void> {
  const response = await fetch(url, { method: 'POST', body, headers, signal, redirect: 'error' });
  const answer = await response.text().catch(() => '');
  if (!response.ok) throw new Error(`HTTP ${response.status}${answer ? `: ${answer.replace(/\s+/g, ' ').slice(0, 120)}` : ''}`);
}
