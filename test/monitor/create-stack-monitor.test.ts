import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordBackupResult } from '../../src/backup/status.js';
import { createStackMonitor } from '../../src/monitor/create-stack-monitor.js';
import { startWebhookReceiver } from './support/http.js';
import type { WebhookReceiver } from './support/http.js';
import { stackFrom } from './support/stack.js';

describe('createStackMonitor', () => {
  let directory: string;
  let receiver: WebhookReceiver;
  beforeEach(async () => {
    directory = await mkdtemp(path.join(os.tmpdir(), 'aistack-stack-monitor-'));
    receiver = await startWebhookReceiver();
  });
  afterEach(async () => {
    await receiver.close();
    await rm(directory, { recursive: true, force: true });
  });

  it("monitors every service of the stack with the manifest's rules and notifiers, and alerts on a failed backup", async () => {
    const stack = stackFrom({
      name: 'demo',
      domain: 'ai.example.com',
      services: { redis: null },
      monitor: {
        rules: [{ name: 'slow redis', metric: 'latency', service: 'redis', threshold: 50 }],
        notifiers: [{ type: 'webhook', name: 'ops', url: `${receiver.url}/` }],
      },
      backup: { schedule: '0 3 * * *' },
    });
    const backups = path.join(directory, 'backups');
    await recordBackupResult(backups, {
      at: new Date().toISOString(),
      ok: false,
      archiveId: undefined,
      verified: false,
      message: 'disk full',
      sizeBytes: 0,
      removed: [],
    });
    await writeFile(path.join(directory, 'redis-password'), 'x\n');
    const engine = createStackMonitor({
      stack,
      secretsDirectory: directory,
      databasePath: path.join(directory, 'monitor.db'),
      backupsDirectory: backups,
    });
    try {
      expect(engine.listStatuses().map((status) => status.id)).toEqual(
        expect.arrayContaining(['redis:redis', 'redis:container', 'proxy:certificate', 'monitor:http']),
      );
      expect(engine.listStatuses().every((status) => status.state === 'pending')).toBe(true);
      expect(
        engine
          .rules()
          .map((rule) => rule.id)
          .at(-1),
      ).toBe('rule:slow redis');
      await engine.evaluateAlerts();
      expect(engine.alerts('firing')).toMatchObject([
        { ruleId: 'backup-problem', summary: 'last backup failed: disk full', severity: 'warning' },
      ]);
      expect(receiver.received).toMatchObject([{ kind: 'firing', title: '[FIRING] demo: last backup failed: disk full' }]);
    } finally {
      await engine.stop();
    }
  });
});
