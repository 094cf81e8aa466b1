import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNotifiers, notifierPasswordSecret } from '../../../src/monitor/notifiers/create-notifiers.js';
import { createNotification } from '../../../src/monitor/notifiers/notification.js';
import type { Alert } from '../../../src/monitor/types.js';
import { startWebhookReceiver } from '../support/http.js';
import type { WebhookReceiver } from '../support/http.js';
import { startSmtpServer } from '../support/smtp.js';

const alert: Alert = {
  id: 7,
  ruleId: 'service-down',
  key: 'service-down:n8n:http',
  service: 'n8n',
  severity: 'critical',
  state: 'firing',
  summary: 'n8n is down: HTTP 502 <b>',
  startedAt: Date.UTC(2026, 10, 26, 20, 0, 0),
  resolvedAt: undefined,
  lastNotifiedAt: undefined,
};
const firing = createNotification('firing', 'demo', alert, Date.UTC(2026, 10, 26, 20, 0, 5));

describe('notifiers', () => {
  let receiver: WebhookReceiver;
  let secrets: string;
  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    secrets = await mkdtemp(path.join(os.tmpdir(), 'aistack-monitor-notify-'));
  });
  afterAll(async () => {
    await receiver.close();
    await rm(secrets, { recursive: true, force: true });
  });

  it('webhook: posts the notification as JSON', async () => {
    const [notifier] = createNotifiers([{ type: 'webhook', name: 'hook', url: `${receiver.url}/hook` }], { secretsDirectory: secrets });
    await notifier!.send(firing, AbortSignal.timeout(5000));
    expect(receiver.received.at(-1)).toEqual({
      kind: 'firing',
      stack: 'demo',
      title: '[FIRING] demo: n8n is down: HTTP 502 <b>',
      text: 'CRITICAL: n8n is down: HTTP 502 <b> (service n8n), firing since 2026-11-26T20:00:00.000Z',
      at: '2026-11-26T20:00:05.000Z',
      alert: { ...alert, resolvedAt: undefined, lastNotifiedAt: undefined },
      alerts: [{ ...alert, resolvedAt: undefined, lastNotifiedAt: undefined }],
    });
  });

  it('one outage of a service is one message: the title names the first alert, the text lists every one', () => {
    const container: Alert = { ...alert, id: 8, key: 'service-down:n8n:container', summary: 'n8n container is down: exited (exit 137)' };
    const http: Alert = { ...alert, id: 9, startedAt: alert.startedAt + 61_000 };
    const grouped = createNotification('firing', 'demo', [container, http], Date.UTC(2026, 10, 26, 20, 1, 5));
    expect(grouped.alert).toBe(container);
    expect(grouped.alerts).toEqual([container, http]);
    expect(grouped.title).toBe('[FIRING] demo: n8n container is down: exited (exit 137) (+1 more)');
    expect(grouped.text).toBe(
      [
        'CRITICAL: 2 problems of service n8n, since 2026-11-26T20:00:00.000Z:',
        '- n8n container is down: exited (exit 137) (since 2026-11-26T20:00:00.000Z)',
        '- n8n is down: HTTP 502 <b> (since 2026-11-26T20:01:01.000Z)',
      ].join('\n'),
    );
    const resolved = createNotification(
      'resolved',
      'demo',
      [
        { ...container, state: 'resolved', resolvedAt: Date.UTC(2026, 10, 26, 20, 2, 0) },
        { ...http, state: 'resolved', resolvedAt: Date.UTC(2026, 10, 26, 20, 3, 0) },
      ],
      Date.UTC(2026, 10, 26, 20, 3, 5),
    );
    expect(resolved.title).toBe('[RESOLVED] demo: n8n container is down: exited (exit 137) (+1 more)');
    expect(resolved.text.split('\n')[0]).toBe(
      'Resolved: 2 problems of service n8n (critical), since 2026-11-26T20:00:00.000Z, resolved 2026-11-26T20:03:00.000Z:',
    );
  });

  it('slack: posts { text } with Slack escaping', async () => {
    const [notifier] = createNotifiers([{ type: 'slack', name: 'team', url: `${receiver.url}/slack` }], { secretsDirectory: secrets });
    await notifier!.send(firing, AbortSignal.timeout(5000));
    expect(receiver.received.at(-1)).toEqual({
      text:
        ':red_circle: *[FIRING] demo: n8n is down: HTTP 502 &lt;b&gt;*\nCRITICAL: n8n is down: HTTP 502 &lt;b&gt; (service ' +
        'n8n), firing since 2026-11-26T20:00:00.000Z',
    });
  });

  it('ntfy: posts the text to the topic with title, priority and tags headers', async () => {
    const [notifier] = createNotifiers([{ type: 'ntfy', name: 'phone', url: `${receiver.url}/`, topic: 'aistack-alerts' }], {
      secretsDirectory: secrets,
    });
    await notifier!.send(firing, AbortSignal.timeout(5000));
    const last = receiver.received.at(-1) as { raw: string; path: string; headers: Record<string, string> };
    expect(last.path).toBe('/aistack-alerts');
    expect(last.raw).toBe('CRITICAL: n8n is down: HTTP 502 <b> (service n8n), firing since 2026-11-26T20:00:00.000Z');
    expect(last.headers).toMatchObject({ title: '[FIRING] demo: n8n is down: HTTP 502 <b>', priority: '5', tags: 'rotating_light' });
  });

  it('a receiver answering 500 is an error with the status', async () => {
    const failing = await startWebhookReceiver(500);
    try {
      const [notifier] = createNotifiers([{ type: 'webhook', name: 'hook', url: `${failing.url}/` }], { secretsDirectory: secrets });
      await expect(notifier!.send(firing, AbortSignal.timeout(5000))).rejects.toThrow('HTTP 500: ok');
    } finally {
      await failing.close();
    }
  });

  it('email: sends through SMTP with the password from the secret file', async () => {
    const smtp = await startSmtpServer();
    try {
      await writeFile(path.join(secrets, notifierPasswordSecret('ops mail')), 'smtp-secret\n');
      const [notifier] = createNotifiers(
        [
          {
            type: 'email',
            name: 'ops mail',
            host: '127.0.0.1',
            port: smtp.port,
            secure: false,
            from: 'monitor@example.com',
            to: ['ops@example.com', 'oncall@example.com'],
            user: 'monitor',
          },
        ],
        { secretsDirectory: secrets },
      );
      await notifier!.send(firing, AbortSignal.timeout(10_000));
      expect(smtp.mails).toHaveLength(1);
      expect(smtp.mails[0]).toMatchObject({
        from: 'monitor@example.com',
        to: ['ops@example.com', 'oncall@example.com'],
        auth: 'monitor:smtp-secret',
      });
      expect(smtp.mails[0]!.data).toContain('Subject: [FIRING] demo: n8n is down: HTTP 502 <b>');
      expect(smtp.mails[0]!.data).toContain('CRITICAL: n8n is down: HTTP 502 <b> (service n8n)');
    } finally {
      await smtp.close();
    }
  });
});
