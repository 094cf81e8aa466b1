import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ActiveCondition } from '../../src/monitor/alert-evaluator.js';
import { createAlertManager } from '../../src/monitor/alert-manager.js';
import type { Notification, Notifier } from '../../src/monitor/notifiers/notification.js';
import { openMonitorStore } from '../../src/monitor/store.js';
import type { MonitorStore } from '../../src/monitor/store.js';

const HOUR = 3_600_000;
const down: ActiveCondition = {
  ruleId: 'service-down',
  key: 'service-down:n8n:http',
  service: 'n8n',
  severity: 'critical',
  summary: 'n8n is down: HTTP 502',
};

const container: ActiveCondition = {
  ruleId: 'service-down',
  key: 'service-down:n8n:container',
  service: 'n8n',
  severity: 'critical',
  summary: 'n8n container is down: exited (exit 137)',
};
const otherService: ActiveCondition = { ...container, key: 'service-down:redis:container', service: 'redis', summary: 'redis is down' };

/** A notifier behind our own interface, standing in for a paging service. */
function recordingNotifier(name: string): Notifier & { sent: Notification[]; failing: boolean } {
  const notifier = {
    name,
    type: 'webhook',
    sent: [] as Notification[],
    failing: false,
    async send(notification: Notification) {
      if (notifier.failing) throw new Error('HTTP 503: unavailable');
      notifier.sent.push(notification);
    },
  };
  return notifier;
}

describe('createAlertManager', () => {
  let directory: string;
  let store: MonitorStore;
  let now = 0;
  beforeEach(async () => {
    directory = await mkdtemp(path.join(os.tmpdir(), 'aistack-alerts-'));
    store = openMonitorStore(path.join(directory, 'monitor.db'));
    now = Date.UTC(2026, 10, 26, 20, 0, 0);
  });
  afterEach(async () => {
    store.close();
    await rm(directory, { recursive: true, force: true });
  });
  const manager = (notifiers: Notifier[], reminderMs = 4 * HOUR, holdMs = 0) =>
    createAlertManager({ store, notifiers, stack: 'demo', reminderMs, holdMs, now: () => now, onAlert: () => undefined });
  const round = async (alerts: ReturnType<typeof manager>, active: ActiveCondition[]): Promise<void> => {
    alerts.reconcile(active);
    await alerts.settle();
  };

  it('notifies once per firing, reminds every 4 hours while it fires, and once when it resolves', async () => {
    const notifier = recordingNotifier('hook');
    const alerts = manager([notifier]);
    for (let minute = 0; minute < 10; minute += 1) {
      alerts.reconcile([down]);
      await alerts.settle();
      now += 60_000;
    }
    expect(notifier.sent.map((sent) => sent.kind)).toEqual(['firing']);
    now += 4 * HOUR;
    alerts.reconcile([down]);
    await alerts.settle();
    alerts.reconcile([down]);
    await alerts.settle();
    expect(notifier.sent.map((sent) => sent.kind)).toEqual(['firing', 'reminder']);
    expect(notifier.sent[1]!.title).toBe('[STILL FIRING] demo: n8n is down: HTTP 502');
    alerts.reconcile([]);
    await alerts.settle();
    alerts.reconcile([]);
    await alerts.settle();
    expect(notifier.sent.map((sent) => sent.kind)).toEqual(['firing', 'reminder', 'resolved']);
    expect(store.listAlerts('all', 10)).toMatchObject([{ state: 'resolved', key: down.key }]);
  });

  it('retries a firing notification until a notifier accepts it', async () => {
    const notifier = recordingNotifier('hook');
    notifier.failing = true;
    const alerts = manager([notifier]);
    alerts.reconcile([down]);
    await alerts.settle();
    alerts.reconcile([down]);
    await alerts.settle();
    expect(notifier.sent).toEqual([]);
    expect(store.firingAlerts()[0]?.lastNotifiedAt).toBeUndefined();
    notifier.failing = false;
    alerts.reconcile([down]);
    await alerts.settle();
    expect(notifier.sent.map((sent) => sent.kind)).toEqual(['firing']);
    expect(store.firingAlerts()[0]?.lastNotifiedAt).toBe(now);
  });

  it('sends nothing about an alert that resolved before anyone heard of it', async () => {
    const notifier = recordingNotifier('hook');
    notifier.failing = true;
    const alerts = manager([notifier]);
    alerts.reconcile([down]);
    await alerts.settle();
    notifier.failing = false;
    alerts.reconcile([]);
    await alerts.settle();
    expect(notifier.sent).toEqual([]);
  });

  it('after a restart, continues a firing alert without a second notification and sends its resolved one', async () => {
    const notifier = recordingNotifier('hook');
    const first = manager([notifier]);
    first.reconcile([down]);
    await first.settle();
    const second = manager([notifier]);
    second.reconcile([down]);
    await second.settle();
    expect(notifier.sent.map((sent) => sent.kind)).toEqual(['firing']);
    second.reconcile([]);
    await second.settle();
    expect(notifier.sent.map((sent) => sent.kind)).toEqual(['firing', 'resolved']);
  });

  it('notifies one outage of a service once, listing what fails, and resolves it once when every check is back', async () => {
    const notifier = recordingNotifier('hook');
    const alerts = manager([notifier]);
    await round(alerts, [container]);
    now += 60_000;
    // The HTTP check fails a minute later (its interval × threshold): the outage is already notified.
    await round(alerts, [container, down]);
    await round(alerts, [container, down]);
    expect(notifier.sent.map((sent) => [sent.kind, sent.alerts.map((alert) => alert.key)])).toEqual([
      ['firing', ['service-down:n8n:container']],
    ]);
    // Another service's outage is its own.
    await round(alerts, [container, down, otherService]);
    expect(notifier.sent.map((sent) => sent.kind)).toEqual(['firing', 'firing']);
    expect(notifier.sent[1]!.alerts.map((alert) => alert.key)).toEqual(['service-down:redis:container']);
    now += 10_000;
    // The container is back, HTTP not yet: nothing is resolved.
    await round(alerts, [down, otherService]);
    expect(notifier.sent.map((sent) => sent.kind)).toEqual(['firing', 'firing']);
    now += 10_000;
    await round(alerts, [otherService]);
    await round(alerts, [otherService]);
    expect(notifier.sent.map((sent) => sent.kind)).toEqual(['firing', 'firing', 'resolved']);
    expect(notifier.sent[2]!.alerts.map((alert) => alert.key)).toEqual(['service-down:n8n:container', 'service-down:n8n:http']);
    expect(notifier.sent[2]!.title).toBe('[RESOLVED] demo: n8n container is down: exited (exit 137) (+1 more)');
    // A new outage of n8n later is notified again.
    now += 60_000;
    await round(alerts, [otherService, down]);
    expect(notifier.sent.map((sent) => sent.kind)).toEqual(['firing', 'firing', 'resolved', 'firing']);
    expect(store.listAlerts('all', 10).filter((alert) => alert.service === 'n8n')).toHaveLength(3);
  });

  it('keeps an outage open for the hold: a check failing after the container came back joins it', async () => {
    const notifier = recordingNotifier('hook');
    const alerts = manager([notifier], 4 * HOUR, 70_000);
    await round(alerts, [container]);
    now += 2_000;
    // Restarted by its restart policy: the container alert ends, the outage is held.
    await round(alerts, []);
    now += 58_000;
    await round(alerts, [down]);
    expect(notifier.sent.map((sent) => sent.kind)).toEqual(['firing']);
    now += 30_000;
    await round(alerts, []);
    now += 69_000;
    await round(alerts, []);
    expect(notifier.sent.map((sent) => sent.kind)).toEqual(['firing']);
    now += 2_000;
    await round(alerts, []);
    await round(alerts, []);
    expect(notifier.sent.map((sent) => [sent.kind, sent.alerts.length])).toEqual([
      ['firing', 1],
      ['resolved', 2],
    ]);
  });

  it('after a restart, a check joining an outage notified before the restart sends nothing new', async () => {
    const notifier = recordingNotifier('hook');
    const first = manager([notifier]);
    await round(first, [container]);
    const second = manager([notifier]);
    await round(second, [container, down]);
    await round(second, []);
    expect(notifier.sent.map((sent) => [sent.kind, sent.alerts.length])).toEqual([
      ['firing', 1],
      ['resolved', 2],
    ]);
  });

  it('sends a test notification to every notifier and reports each result', async () => {
    const good = recordingNotifier('ops');
    const bad = recordingNotifier('pager');
    bad.failing = true;
    expect(await manager([good, bad]).sendTest()).toEqual([
      { notifier: 'ops', ok: true, message: 'delivered' },
      { notifier: 'pager', ok: false, message: 'HTTP 503: unavailable' },
    ]);
    expect(good.sent.map((sent) => sent.title)).toEqual(['[TEST] aistack demo: test notification']);
  });
});
