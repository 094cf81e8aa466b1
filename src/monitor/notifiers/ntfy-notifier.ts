import type { Notification, Notifier } from './notification.js';
import { postBody } from './notification.js';

const PRIORITY = { critical: '5', warning: '4', info: '3' } as const;

/** ntfy: POST the text to `<url>/<topic>` with Title, Priority and Tags headers. */
export function createNtfyNotifier(name: string, url: string, topic: string): Notifier {
  const target = `${url.replace(/\/+$/, '')}/${encodeURIComponent(topic)}`;
  return {
    name,
    type: 'ntfy',
    send: (notification: Notification, signal: AbortSignal) => {
      const priority =
        notification.kind === 'resolved' || notification.kind === 'test' || !notification.alert
          ? '3'
          : PRIORITY[notification.alert.severity];
      const tags = notification.kind === 'resolved' ? 'white_check_mark' : notification.kind === 'test' ? 'bell' : 'rotating_light';
      // HTTP header values must be Latin-1; keep the title ASCII.
      const title = notification.title.replace(/[^\x20-\x7e]/g, '?').slice(0, 250);
      return postBody(
        target,
        notification.text,
        { Title: title, Priority: priority, Tags: tags, 'content-type': 'text/plain; charset=utf-8' },
        signal,
      );
    },
  };
}
