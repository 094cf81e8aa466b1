import type Docker from 'dockerode';
import { listStackContainers } from '../../runtime/stack-containers.js';
import type { ProbeDefinition } from '../types.js';
import type { ProbeContext, ProbeOutcome } from './probe-outcome.js';
import { degraded, describeError, failure, success } from './probe-outcome.js';

/** Containers of one service (compose or Swarm), found by labels (never by name substring). */
export async function findServiceContainers(docker: Docker, project: string, service: string): Promise<Docker.ContainerInfo[]> {
  return listStackContainers(docker, project, { service });
}

/** Running, and healthy when the image has a health check. `starting` counts as degraded. */
export async function probeContainer(probe: Extract<ProbeDefinition, { type: 'container' }>, context: ProbeContext): Promise<ProbeOutcome> {
  if (!context.docker) return failure('no Docker connection');
  try {
    const containers = await findServiceContainers(context.docker, probe.project, probe.service);
    if (containers.length === 0) return failure(`no container for ${probe.service}`);
    const states = await Promise.all(
      containers.map(async (container) => (await context.docker!.getContainer(container.Id).inspect()).State),
    );
    const notRunning = states.filter((state) => !state.Running);
    if (notRunning.length > 0) {
      const state = notRunning[0]!;
      return failure(
        `${state.Status}${state.Status === 'exited' ? ` (exit ${state.ExitCode})` : ''}${state.OOMKilled ? ', OOM killed' : ''}`,
      );
    }
    const health = states.map((state) => state.Health?.Status).filter((status): status is string => status !== undefined && status !== '');
    if (health.includes('unhealthy')) return failure('running, unhealthy');
    if (health.includes('starting')) return degraded('running, health check starting');
    return success(health.length > 0 ? 'running, healthy' : 'running');
  } catch (error: unknown) {
    return failure(describeError(error));
  }
}

/** A one-shot job: exited 0 is up, still running is degraded, any other exit is down. */
export async function probeJob(probe: Extract<ProbeDefinition, { type: 'job' }>, context: ProbeContext): Promise<ProbeOutcome> {
  if (!context.docker) return failure('no Docker connection');
  try {
    const containers = await findServiceContainers(context.docker, probe.project, probe.service);
    if (containers.length === 0) return failure(`no container for job ${probe.service}`);
    const states = await Promise.all(
      containers.map(async (container) => (await context.docker!.getContainer(container.Id).inspect()).State),
    );
    const failed = states.find((state) => !state.Running && state.Status !== 'created' && state.ExitCode !== 0);
    if (failed) return failure(`job exited with code ${failed.ExitCode}${failed.OOMKilled ? ' (OOM killed)' : ''}`);
    if (states.some((state) => state.Running)) return degraded('job running');
    if (states.every((state) => state.Status === 'created')) return degraded('job not started');
    return success('job completed (exit 0)');
  } catch (error: unknown) {
    return failure(describeError(error));
  }
}
