import { daysLeftOf } from './probes/certificate-probe.js';
import type { AlertRule, AlertSeverity, ContainerResources, HostResources, MonitorDefinition, MonitorStatus } from './types.js';

/** Everything the rules look at, gathered by the engine at one moment. */
export interface AlertFacts {
  readonly now: number;
  readonly statuses: readonly MonitorStatus[];
  readonly monitors: ReadonlyMap<string, MonitorDefinition>;
  readonly containers: readonly ContainerResources[];
  /** CPU limit per service in cores (from the Stack). */
  readonly cpuLimits: ReadonlyMap<string, number>;
  readonly host: HostResources | undefined;
  /** What is wrong with backups, if anything. */
  readonly backupProblem: string | undefined;
  /** What went wrong renewing the certificate or reloading the proxy, if anything (serve's renewal scheduler). */
  readonly renewalProblem?: string | undefined;
  /** Declared models whose last pull failed (`.aistack/models.json`), each with what went wrong. */
  readonly modelProblems?: readonly { readonly model: string; readonly summary: string }[];
}

/** A condition that holds now (and has held for the rule's `for`). */
export interface ActiveCondition {
  readonly ruleId: string;
  readonly key: string;
  readonly service: string | undefined;
  readonly severity: AlertSeverity;
  readonly summary: string;
}

/** What the evaluator remembers between rounds: when each condition was first seen, restart history. */
export interface AlertMemory {
  readonly pendingSince: Map<string, number>;
  readonly restarts: Map<string, { at: number; count: number }[]>;
}

export function createAlertMemory(): AlertMemory {
  return { pendingSince: new Map(), restarts: new Map() };
}

const PROBE_TYPES_WITH_LATENCY = new Set(['http', 'tcp', 'postgres', 'redis']);

/**
 * Evaluate every rule against the facts. A condition becomes active once it has held for the
 * rule's `forMs`; a condition that stops holding is forgotten at once (and its alert resolves).
 */
export function evaluateAlertRules(rules: readonly AlertRule[], facts: AlertFacts, memory: AlertMemory): ActiveCondition[] {
  const seen = new Set<string>();
  const active: ActiveCondition[] = [];
  const hold = (rule: AlertRule, subject: string, service: string | undefined, summary: string): void => {
    const key = `${rule.id}:${subject}`;
    seen.add(key);
    const since = memory.pendingSince.get(key) ?? facts.now;
    memory.pendingSince.set(key, since);
    if (facts.now - since >= rule.forMs) active.push({ ruleId: rule.id, key, service, severity: rule.severity, summary });
  };
  const matches = (rule: AlertRule, service: string | undefined): boolean => rule.service === undefined || rule.service === service;

  recordRestarts(facts, memory);
  for (const rule of rules) {
    switch (rule.metric) {
      case 'down':
        for (const status of facts.statuses) {
          if (status.state === 'down' && matches(rule, status.service))
            hold(rule, status.id, status.service, `${status.name} is down: ${status.lastCheck?.message ?? 'no answer'}`);
        }
        break;
      case 'latency': {
        const limit = rule.threshold ?? 2000;
        for (const status of facts.statuses) {
          const check = status.lastCheck;
          if (!check || !check.ok || !PROBE_TYPES_WITH_LATENCY.has(status.type) || !matches(rule, status.service)) continue;
          if (check.latencyMs > limit)
            hold(rule, status.id, status.service, `${status.name} answers in ${Math.round(check.latencyMs)} ms (over ${limit} ms)`);
        }
        break;
      }
      case 'cpu': {
        const limit = rule.threshold ?? 90;
        for (const container of facts.containers) {
          if (container.state !== 'running' || !matches(rule, container.service)) continue;
          const cores = facts.cpuLimits.get(container.service) ?? 1;
          const share = container.cpuPercent / Math.max(0.01, cores);
          if (share > limit)
            hold(
              rule,
              container.containerName,
              container.service,
              `${container.service} uses ${Math.round(share)} % of its CPU limit (${cores} cores)`,
            );
        }
        break;
      }
      case 'memory': {
        const limit = rule.threshold ?? 90;
        for (const container of facts.containers) {
          if (container.state !== 'running' || container.memoryLimitBytes <= 0 || !matches(rule, container.service)) continue;
          const share = (container.memoryWorkingSetBytes / container.memoryLimitBytes) * 100;
          if (share > limit)
            hold(
              rule,
              container.containerName,
              container.service,
              `${container.service} uses ${Math.round(share)} % of its memory limit ` +
                `(${formatMiB(container.memoryWorkingSetBytes)} of ${formatMiB(container.memoryLimitBytes)})`,
            );
        }
        break;
      }
      case 'restarts': {
        const limit = rule.threshold ?? 3;
        const window = rule.forMs > 0 ? rule.forMs : 15 * 60_000;
        for (const container of facts.containers) {
          if (!matches(rule, container.service)) continue;
          const history = memory.restarts.get(container.containerId) ?? [];
          const base = history.find((entry) => entry.at >= facts.now - window) ?? history[history.length - 1];
          const count = base ? container.restarts - base.count : 0;
          if (count >= limit) {
            const key = `${rule.id}:${container.containerName}`;
            seen.add(key);
            active.push({
              ruleId: rule.id,
              key,
              service: container.service,
              severity: rule.severity,
              summary: `${container.service} restarted ${count} times in ${Math.round(window / 60_000)} minutes`,
            });
          }
        }
        break;
      }
      case 'oom':
        for (const container of facts.containers) {
          if (container.oomKilled && matches(rule, container.service))
            hold(
              rule,
              container.containerName,
              container.service,
              `${container.service} was killed for running out of memory (limit ${formatMiB(container.memoryLimitBytes)})`,
            );
        }
        break;
      case 'disk': {
        const host = facts.host;
        if (!host || host.diskTotalBytes <= 0) break;
        const used = 100 - (host.diskFreeBytes / host.diskTotalBytes) * 100;
        if (used > (rule.threshold ?? 90))
          hold(rule, 'host', undefined, `host disk is ${Math.round(used)} % full (${formatGiB(host.diskFreeBytes)} free)`);
        break;
      }
      case 'certificate': {
        const days = rule.threshold ?? 14;
        for (const status of facts.statuses) {
          if (status.type !== 'certificate' || !status.lastCheck || !matches(rule, status.service)) continue;
          const left = daysLeftOf(status.lastCheck.message);
          if (left !== undefined && left < days)
            hold(
              rule,
              status.id,
              status.service,
              left < 0 ? `${status.name}: ${status.lastCheck.message}` : `${status.name} expires in ${left} days`,
            );
        }
        break;
      }
      case 'backup':
        if (facts.backupProblem) hold(rule, 'backup', undefined, facts.backupProblem);
        break;
      case 'renewal':
        if (facts.renewalProblem) hold(rule, 'proxy', 'proxy', facts.renewalProblem);
        break;
      case 'model':
        for (const problem of facts.modelProblems ?? []) hold(rule, problem.model, 'ollama', problem.summary);
        break;
    }
  }
  for (const key of memory.pendingSince.keys()) if (!seen.has(key)) memory.pendingSince.delete(key);
  return active;
}

function recordRestarts(facts: AlertFacts, memory: AlertMemory): void {
  const horizon = facts.now - 24 * 3_600_000;
  const alive = new Set<string>();
  for (const container of facts.containers) {
    alive.add(container.containerId);
    const history = memory.restarts.get(container.containerId) ?? [];
    const last = history[history.length - 1];
    if (last?.count !== container.restarts || facts.now - last.at >= 60_000) history.push({ at: facts.now, count: container.restarts });
    while (history.length > 1 && history[0]!.at < horizon) history.shift();
    memory.restarts.set(container.containerId, history);
  }
  for (const id of memory.restarts.keys()) if (!alive.has(id)) memory.restarts.delete(id);
}

function formatMiB(bytes: number): string {
  return `${Math.round(bytes / 1048576)} MiB`;
}

function formatGiB(bytes: number): string {
  return `${(bytes / 1073741824).toFixed(1)} GiB`;
}
