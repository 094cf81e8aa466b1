import type { CheckResult, MonitorDefinition, ProbeDefinition } from '../types.js';
import { probeCertificate } from './certificate-probe.js';
import { probeContainer, probeJob } from './container-probe.js';
import { probeHttp } from './http-probe.js';
import { probePostgres } from './postgres-probe.js';
import type { ProbeContext, ProbeOutcome } from './probe-outcome.js';
import { failure } from './probe-outcome.js';
import { probeRedis } from './redis-probe.js';
import { probeTcp } from './tcp-probe.js';

export type ProbeEnvironment = Omit<ProbeContext, 'signal' | 'timeoutMs'> & {
  /** Maps a service name to the address to use instead (outside the stack's network), if any. */
  readonly resolveHost?: (host: string) => Promise<string | undefined>;
};

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
    const probe = environment.resolveHost ? await withResolvedHost(monitor.probe, environment.resolveHost) : monitor.probe;
    outcome = await Promise.race([dispatch({ ...monitor, probe }, context), timeout]);
  } catch (error: unknown) {
    outcome = failure(error instanceof Error ? error.message.slice(0, 200) : 'probe failed');
  } finally {
    clearTimeout(timer);
  }
  if (controller.signal.aborted && outcome.ok) outcome = failure(`timed out after ${monitor.timeoutMs} ms`);
  const latencyMs = Math.round((performance.now() - startedPrecise) * 10) / 10;
  return { monitorId: monitor.id, at: started, ok: outcome.ok, degraded: outcome.degraded, latencyMs, message: outcome.message };
}

async function withResolvedHost(
  probe: ProbeDefinition,
  resolveHost: (host: string) => Promise<string | undefined>,
): Promise<ProbeDefinition> {
  switch (probe.type) {
    case 'http': {
      const url = new URL(probe.url);
      const address = await resolveHost(url.hostname);
      if (address === undefined) return probe;
      url.hostname = address.includes(':') ? `[${address}]` : address;
      return { ...probe, url: url.toString() };
    }
    case 'tcp':
    case 'postgres':
    case 'redis':
    case 'certificate': {
      const address = await resolveHost(probe.host);
      // A certificate keeps asking for its own name (SNI) at the new address.
      if (address === undefined) return probe;
      return probe.type === 'certificate'
        ? { ...probe, host: address, serverName: probe.serverName ?? probe.host }
        : { ...probe, host: address };
    }
    case 'container':
    case 'job':
      return probe;
  }
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
