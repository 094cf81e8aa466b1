import type { Notification, Notifier } from './notification.js';
import { postBody } from './notification.js';

/** Generic JSON webhook: `{ kind, stack, title, text, at, alert, alerts }` (`alert` is the first of `alerts`). */
export function createWebhookNotifier(name: string, url: string): Notifier {
  return {
    name,
    type: 'webhook',
    send: (notification: Notification, signal: AbortSignal) =>
      postBody(
        url,
        JSON.stringify({
          kind: notification.kind,
          stack: notification.stack,
          title: notification.title,
          text: notification.text,
          at: new Date(notification.at).toISOString(),
          alert: notification.alert ?? null,
          alerts: notification.alerts,
        }),
        { 'content-type': 'application/json', 'user-agent': 'aistack-monitor' },
        signal,
      ),
  };
}
