import type { Alert } from '../types.js';

export type NotificationKind = 'firing' | 'reminder' | 'resolved' | 'test';

/** One message to every notifier. */
export interface Notification {
  readonly kind: NotificationKind;
  readonly stack: string;
  readonly alert: Alert | undefined;
  readonly title: string;
  readonly text: string;
  /** Epoch ms. */
  readonly at: number;
}

export interface Notifier {
  readonly name: string;
  readonly type: 'webhook' | 'slack' | 'ntfy' | 'email' | string;
  /** Deliver or throw; the caller bounds the time with `signal`. */
  send(notification: Notification, signal: AbortSignal): Promise<void>;
}

const LABEL: Record<NotificationKind, string> = { firing: 'FIRING', reminder: 'STILL FIRING', resolved: 'RESOLVED', test: 'TEST' };

/** Title and text of a notification, the same on every channel. */
export function createNotification(kind: NotificationKind, stack: string, alert: Alert | undefined, at: number): Notification {
  if (!alert) {
    return {
      kind,
      stack,
      alert,
      at,
      title: `[TEST] aistack ${stack}: test notification`,
      text: `This is a test notification from the aistack monitor of stack "${stack}". If you read this, alerts reach you here.`,
    };
  }
  const title = `[${LABEL[kind]}] ${stack}: ${alert.summary}`;
  const since = new Date(alert.startedAt).toISOString();
  const text =
    kind === 'resolved'
      ? `Resolved: ${alert.summary} (${alert.severity}, firing since ${since}, resolved ${new Date(alert.resolvedAt ?? at).toISOString()})`
      : `${alert.severity.toUpperCase()}: ${alert.summary}${alert.service ? ` (service ${alert.service})` : ''}, firing since ${since}`;
  return { kind, stack, alert, at, title, text };
}

/** POST a body and throw on anything but 2xx, with the status in the message (never the URL's secrets). */
export async function postBody(url: string, body: string, headers: Record<string, string>, signal: AbortSignal): Promise<void> {
  const response = await fetch(url, { method: 'POST', body, headers, signal, redirect: 'error' });
  const answer = await response.text().catch(() => '');
  if (!response.ok) throw new Error(`HTTP ${response.status}${answer ? `: ${answer.replace(/\s+/g, ' ').slice(0, 120)}` : ''}`);
}
