import type { CheckResult, MonitorDefinition } from '../types.js';
import { probeCertificate } from './certificate-probe.js';
import { probeContainer, probeJob } from './container-probe.js';
import { probeHttp } from './http-probe.js';
import { probePostgres } from './postgres-probe.js';
import type { ProbeContext, ProbeOutcome } from './probe-outcome.js';
import { failure } from './probe-outcome.js';
import { probeRedis } from './redis-probe.js';
import { probeTcp } from './tcp-probe.js';

export type ProbeEnvironment = Omit<ProbeContext, 'signal' | 'timeoutMs'>;

/**
 * Run one monitor's probe under a hard timeout: the probe is aborted, and the check fails with
 * "timed out after N ms" even if the probe ignores the signal.
 */
export async function runProbe(monitor: MonitorDefinition, environment: ProbeEnvironment): Promise<CheckResult> {
  const controller = new AbortController();
  const started = environment.now();
  const startedPrecise = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<ProbeOutcome>((resolve) => {
    timer = setTimeout(() => {
      controller.abort();
      resolve(failure(`timed out after ${monitor.timeoutMs} ms`));
    }, monitor.timeoutMs);
  });
  const context: ProbeContext = { ...environment, signal: controller.signal, timeoutMs: monitor.timeoutMs };
  let outcome: ProbeOutcome;
  try {
    outcome = await Promise.race([dispatch(monitor, context), timeout]);
  } catch (error: unknown) {
    outcome = failure(error instanceof Error ? error.message.slice(0, 200) : 'probe failed');
  } finally {
    clearTimeout(timer);
  }
  if (controller.signal.aborted && outcome.ok) outcome = failure(`timed out after ${monitor.timeoutMs} ms`);
  const latencyMs = Math.round((performance.now() - startedPrecise) * 10) / 10;
  return { monitorId: monitor.id, at: started, ok: outcome.ok, degraded: outcome.degraded, latencyMs, message: outcome.message };
}

function dispatch(monitor: MonitorDefinition, context: ProbeContext): Promise<ProbeOutcome> {
  const probe = monitor.probe;
  switch (probe.type) {
    case 'http':
      return probeHttp(probe, context);
    case 'tcp':
      return probeTcp(probe, context);
    case 'postgres':
      return probePostgres(probe, context);
    case 'redis':
      return probeRedis(probe, context);
    case 'container':
      return probeContainer(probe, context);
    case 'job':
      return probeJob(probe, context);
    case 'certificate':
      return probeCertificate(probe, context);
  }
}
