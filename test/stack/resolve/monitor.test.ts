import { describe, expect, it } from 'vitest';
import { resolveMonitor, resolveMonitorSettings } from '../../../src/stack/resolve/monitor.js';
import type { StackService } from '../../../src/stack/types.js';
import { contextOf } from './support/context.js';

const service = (id: string, secrets: string[] = []) => ({ id, secrets }) as unknown as StackService;
const database = { database: 'n8n', role: 'n8n', passwordSecret: 'postgres-n8n-password', service: 'n8n' };

describe('resolveMonitor', () => {
  it('reads each database password and the Redis secrets on every probe, and mounts aistack.yaml', () => {
    const addition = resolveMonitor([service('monitor'), service('redis', ['redis-password'])], [database]);
    expect(addition?.secrets).toEqual(['postgres-n8n-password', 'redis-password']);
    expect(addition?.files).toEqual([{ source: './aistack.yaml', target: '/project/aistack.yaml' }]);
    expect(addition?.secretUses.map((use) => [use.name, use.service, use.reads])).toEqual([
      ['postgres-n8n-password', 'monitor', 'per-use'],
      ['redis-password', 'monitor', 'per-use'],
    ]);
  });

  it('adds nothing when the stack has no monitor', () => {
    expect(resolveMonitor([service('redis', ['redis-password'])], [database])).toBeUndefined();
  });
});

describe('resolveMonitorSettings', () => {
  it('fills in the defaults: on, every 30 s, a year of history, nothing custom', () => {
    expect(resolveMonitorSettings(contextOf({}).manifest)).toEqual({
      enabled: true,
      intervalSeconds: 30,
      retentionDays: 365,
      monitors: [],
      rules: [],
      notifiers: [],
    });
  });

  it('turns durations into seconds and days, at least one day of history', () => {
    const settings = resolveMonitorSettings(contextOf({ monitor: { interval: '2m', retention: '12h' } }).manifest);
    expect([settings.intervalSeconds, settings.retentionDays]).toEqual([120, 1]);
  });
});
