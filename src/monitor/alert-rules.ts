import type { MonitorRuleSettings } from '../manifest/schema.js';
import { parseDurationMs } from './duration.js';
import type { AlertRule } from './types.js';

const MINUTE = 60_000;

/** The rules every stack gets; user rules in aistack.yaml come on top. */
export const BUILT_IN_RULES: readonly AlertRule[] = [
  {
    id: 'service-down',
    name: 'Service down',
    metric: 'down',
    service: undefined,
    threshold: undefined,
    forMs: 0,
    severity: 'critical',
    builtIn: true,
  },
  {
    id: 'high-latency',
    name: 'Latency over 2 s for 5 minutes',
    metric: 'latency',
    service: undefined,
    threshold: 2000,
    forMs: 5 * MINUTE,
    severity: 'warning',
    builtIn: true,
  },
  {
    id: 'high-cpu',
    name: 'CPU over 90 % of the limit for 10 minutes',
    metric: 'cpu',
    service: undefined,
    threshold: 90,
    forMs: 10 * MINUTE,
    severity: 'warning',
    builtIn: true,
  },
  {
    id: 'high-memory',
    name: 'Memory over 90 % of the limit for 5 minutes',
    metric: 'memory',
    service: undefined,
    threshold: 90,
    forMs: 5 * MINUTE,
    severity: 'warning',
    builtIn: true,
  },
  {
    id: 'restart-loop',
    name: '3 restarts within 15 minutes',
    metric: 'restarts',
    service: undefined,
    threshold: 3,
    forMs: 15 * MINUTE,
    severity: 'critical',
    builtIn: true,
  },
  {
    id: 'oom-killed',
    name: 'Killed for running out of memory',
    metric: 'oom',
    service: undefined,
    threshold: undefined,
    forMs: 0,
    severity: 'critical',
    builtIn: true,
  },
  {
    id: 'disk-low',
    name: 'Host disk over 90 % full',
    metric: 'disk',
    service: undefined,
    threshold: 90,
    forMs: 5 * MINUTE,
    severity: 'warning',
    builtIn: true,
  },
  {
    id: 'certificate-expiring',
    name: 'Certificate expires within 14 days',
    metric: 'certificate',
    service: undefined,
    threshold: 14,
    forMs: 0,
    severity: 'warning',
    builtIn: true,
  },
  {
    id: 'certificate-renewal',
    name: 'Certificate renewal or proxy reload failed',
    metric: 'renewal',
    service: 'proxy',
    threshold: undefined,
    forMs: 0,
    severity: 'warning',
    builtIn: true,
  },
  {
    id: 'backup-problem',
    name: 'Backup failed or stale',
    metric: 'backup',
    service: undefined,
    threshold: undefined,
    forMs: 0,
    severity: 'warning',
    builtIn: true,
  },
  {
    id: 'model-pull-failed',
    name: 'Pulling a declared model failed',
    metric: 'model',
    service: 'ollama',
    threshold: undefined,
    forMs: 0,
    severity: 'warning',
    builtIn: true,
  },
];

/** Built-in rules followed by the user's rules from `monitor.rules` (ids `rule:<name>`). */
export function resolveAlertRules(userRules: readonly MonitorRuleSettings[] | undefined): AlertRule[] {
  const rules: AlertRule[] = [...BUILT_IN_RULES];
  for (const rule of userRules ?? []) {
    rules.push({
      id: `rule:${rule.name}`,
      name: rule.name,
      metric: rule.metric,
      service: rule.service,
      threshold: rule.threshold,
      forMs: rule.for ? parseDurationMs(rule.for) : 0,
      severity: rule.severity ?? 'warning',
      builtIn: false,
    });
  }
  return rules;
}
