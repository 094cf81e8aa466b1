import type { Notification, Notifier } from './notification.js';
import { postBody } from './notification.js';

const EMOJI = { firing: ':red_circle:', reminder: ':red_circle:', resolved: ':large_green_circle:', test: ':white_circle:' } as const;

/** Slack-compatible incoming webhook (Slack, Mattermost, Rocket.Chat, Discord's /slack endpoint): `{ text }`. */
export function createSlackNotifier(name: string, url: string): Notifier {
  return {
    name,
    type: 'slack',
    send: (notification: Notification, signal: AbortSignal) =>
      postBody(
        url,
        JSON.stringify({ text: `${EMOJI[notification.kind]} *${escapeSlack(notification.title)}*\n${escapeSlack(notification.text)}` }),
        { 'content-type': 'application/json' },
        signal,
      ),
  };
}

/** Slack's three control characters; alert text quotes service output. */
function escapeSlack(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
