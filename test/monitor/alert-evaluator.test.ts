import { describe, expect, it } from 'vitest';
import { createAlertMemory, evaluateAlertRules } from '../../src/monitor/alert-evaluator.js';
import type { AlertFacts } from '../../src/monitor/alert-evaluator.js';
import { BUILT_IN_RULES, resolveAlertRules } from '../../src/monitor/alert-rules.js';
import type { ContainerResources, MonitorStatus } from '../../src/monitor/types.js';

const MINUTE = 60_000;
const status = (
  id: string,
  state: MonitorStatus['state'],
  message: string,
  latencyMs = 5,
  type: MonitorStatus['type'] = 'http',
): MonitorStatus => ({
  id,
  name: id.split(':')[0]!,
  service: id.split(':')[0],
  type,
  state,
  since: 0,
  lastCheck: { monitorId: id, at: 0, ok: state !== 'down', degraded: false, latencyMs, message },
  uptime24h: 1,
  recentLatencies: [],
});
const container = (overrides: Partial<ContainerResources> = {}): ContainerResources => ({
  service: 'n8n',
  containerId: 'c1',
  containerName: 'demo-n8n-1',
  at: 0,
  state: 'running',
  health: 'healthy',
  cpuPercent: 5,
  memoryBytes: 100,
  memoryWorkingSetBytes: 100,
  memoryLimitBytes: 1000,
  networkRxBytes: 0,
  networkTxBytes: 0,
  blockReadBytes: 0,
  blockWriteBytes: 0,
  restarts: 0,
  oomKilled: false,
  image: 'n8n',
  startedAt: undefined,
  ...overrides,
});
const facts = (now: number, overrides: Partial<AlertFacts> = {}): AlertFacts => ({
  now,
  statuses: [],
  monitors: new Map(),
  containers: [],
  cpuLimits: new Map([['n8n', 2]]),
  host: undefined,
  backupProblem: undefined,
  ...overrides,
});

describe('evaluateAlertRules', () => {
  it('fires service-down at once for a monitor in state down (the threshold is in the state machine)', () => {
    const active = evaluateAlertRules(
      BUILT_IN_RULES,
      facts(0, { statuses: [status('n8n:http', 'down', 'HTTP 502'), status('redis:redis', 'up', 'PONG')] }),
      createAlertMemory(),
    );
    expect(active).toEqual([
      { ruleId: 'service-down', key: 'service-down:n8n:http', service: 'n8n', severity: 'critical', summary: 'n8n is down: HTTP 502' },
    ]);
  });

  it('fires CPU over 90 % of the limit only after it held for 10 minutes, and forgets it when it drops', () => {
    const memory = createAlertMemory();
    const busy = [container({ cpuPercent: 190 })];
    expect(evaluateAlertRules(BUILT_IN_RULES, facts(0, { containers: busy }), memory)).toEqual([]);
    expect(evaluateAlertRules(BUILT_IN_RULES, facts(9 * MINUTE, { containers: busy }), memory)).toEqual([]);
    expect(evaluateAlertRules(BUILT_IN_RULES, facts(10 * MINUTE, { containers: busy }), memory)).toEqual([
      {
        ruleId: 'high-cpu',
        key: 'high-cpu:demo-n8n-1',
        service: 'n8n',
        severity: 'warning',
        summary: 'n8n uses 95 % of its CPU limit (2 cores)',
      },
    ]);
    expect(evaluateAlertRules(BUILT_IN_RULES, facts(11 * MINUTE, { containers: [container()] }), memory)).toEqual([]);
    expect(evaluateAlertRules(BUILT_IN_RULES, facts(12 * MINUTE, { containers: busy }), memory)).toEqual([]);
  });

  it('fires memory over 90 % of the working set limit, OOM kills, restart loops and a full disk', () => {
    const memory = createAlertMemory();
    evaluateAlertRules(BUILT_IN_RULES, facts(0, { containers: [container({ restarts: 1 })] }), memory);
    const now = 6 * MINUTE;
    const host = {
      at: now,
      cpuPercent: 1,
      memoryTotalBytes: 1,
      memoryAvailableBytes: 1,
      diskTotalBytes: 100 * 2 ** 30,
      diskFreeBytes: 5 * 2 ** 30,
    };
    evaluateAlertRules(
      BUILT_IN_RULES,
      facts(1 * MINUTE, { containers: [container({ restarts: 2, memoryWorkingSetBytes: 950 })], host }),
      memory,
    );
    const active = evaluateAlertRules(
      BUILT_IN_RULES,
      facts(now + MINUTE, { containers: [container({ restarts: 4, memoryWorkingSetBytes: 950, oomKilled: true })], host }),
      memory,
    );
    expect(active.map((condition) => [condition.key, condition.summary])).toEqual([
      ['high-memory:demo-n8n-1', 'n8n uses 95 % of its memory limit (0 MiB of 0 MiB)'],
      ['restart-loop:demo-n8n-1', 'n8n restarted 3 times in 15 minutes'],
      ['oom-killed:demo-n8n-1', 'n8n was killed for running out of memory (limit 0 MiB)'],
      ['disk-low:host', 'host disk is 95 % full (5.0 GiB free)'],
    ]);
  });

  it('fires certificate-expiring from the certificate monitor, certificate-renewal from the renewal and backup-problem from the backup status', () => {
    const active = evaluateAlertRules(
      BUILT_IN_RULES,
      facts(0, {
        statuses: [status('proxy:certificate', 'degraded', 'certificate expires in 9 days (2026-12-05)', 20, 'certificate')],
        backupProblem: 'last backup failed: disk full',
        renewalProblem: 'certificate renewal failed: AIS_TLS_PROXY_CONFIG_INVALID nginx -t failed in demo-proxy-1',
      }),
      createAlertMemory(),
    );
    expect(active.map((condition) => [condition.key, condition.service, condition.summary])).toEqual([
      ['certificate-expiring:proxy:certificate', 'proxy', 'proxy expires in 9 days'],
      ['certificate-renewal:proxy', 'proxy', 'certificate renewal failed: AIS_TLS_PROXY_CONFIG_INVALID nginx -t failed in demo-proxy-1'],
      ['backup-problem:backup', undefined, 'last backup failed: disk full'],
    ]);
  });

  it("applies the user's rules with their service, threshold, duration and severity", () => {
    const rules = resolveAlertRules([
      { name: 'slow n8n', metric: 'latency', service: 'n8n', threshold: 300, for: '1m', severity: 'critical' },
    ]);
    expect(rules.at(-1)).toEqual({
      id: 'rule:slow n8n',
      name: 'slow n8n',
      metric: 'latency',
      service: 'n8n',
      threshold: 300,
      forMs: 60_000,
      severity: 'critical',
      builtIn: false,
    });
    const memory = createAlertMemory();
    const statuses = [status('n8n:http', 'up', 'HTTP 200', 450), status('flowise:http', 'up', 'HTTP 200', 450)];
    expect(evaluateAlertRules(rules, facts(0, { statuses }), memory)).toEqual([]);
    expect(evaluateAlertRules(rules, facts(MINUTE, { statuses }), memory)).toEqual([
      {
        ruleId: 'rule:slow n8n',
        key: 'rule:slow n8n:n8n:http',
        service: 'n8n',
        severity: 'critical',
        summary: 'n8n answers in 450 ms (over 300 ms)',
      },
    ]);
  });
});
