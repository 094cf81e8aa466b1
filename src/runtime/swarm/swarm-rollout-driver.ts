import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { DockerError } from '../../errors.js';
import type { RolloutDriver, RolloutService } from '../rollout.js';
import type { SwarmEngine } from './swarm-engine.js';

/** The swarm file deployed a few services at a time; beside swarm.yaml, so its relative paths hold. */
const PARTIAL_FILE = '.swarm.deploying.yaml';
const POLL_MS = 500;

/**
 * Swarm has no start order: the rollout (runRollout) decides it, and each start deploys the stack
 * file with every service started so far — data stores first, their dependents once they are
 * healthy. A task counts as ready when every replica runs the current spec (Swarm reports a task
 * `running` only once its health check passed); an update Swarm rolled back is a failure, with
 * Swarm's own message.
 */
export function createSwarmRolloutDriver(options: {
  readonly swarm: SwarmEngine;
  readonly stack: string;
  readonly directory: string;
  /** swarm.yaml of the revision. */
  readonly stackFile: string;
  readonly startedAt: Date;
}): RolloutDriver & { close(): Promise<void> } {
  const { swarm, stack } = options;
  const document = parse(options.stackFile, { version: '1.1' }) as { services: Record<string, unknown> } & Record<string, unknown>;
  const started = new Set<string>();
  let deploying = Promise.resolve();
  const fullName = (id: string): string => `${stack}_${id}`;
  return {
    start: (ids) => {
      // One `stack deploy` at a time, each with everything started so far.
      deploying = deploying.then(async () => {
        for (const id of ids) started.add(id);
        const services = Object.fromEntries(Object.entries(document.services).filter(([id]) => started.has(id)));
        // Compose creates a missing bind source; Swarm rejects the task (certificates and the ACME directory come later).
        for (const source of bindSources(services)) await mkdir(path.join(options.directory, source), { recursive: true });
        const partial = path.join(options.directory, PARTIAL_FILE);
        await writeFile(partial, stringify({ ...document, services }, { version: '1.1', lineWidth: 0 }), { mode: 0o600 });
        await swarm.deploy(stack, PARTIAL_FILE, options.directory);
      });
      return deploying;
    },
    waitReady: (service, deadline, signal, onDetail) =>
      waitForSwarmService(swarm, fullName(service.id), service, { since: options.startedAt, deadline, signal, onDetail }),
    tailLogs: (id, lines) => swarm.logs(fullName(id), lines),
    close: async () => {
      await deploying.catch(() => undefined);
      await rm(path.join(options.directory, PARTIAL_FILE), { force: true });
    },
  };
}

/**
 * Until every replica of a Swarm service runs its current spec (jobs: one completed), or Swarm
 * rolled back or paused an update begun since `since`; the rollout and `aistack restart` use it.
 */
export async function waitForSwarmService(
  swarm: SwarmEngine,
  name: string,
  service: RolloutService,
  options: {
    readonly since: Date;
    readonly deadline: number;
    readonly signal: AbortSignal;
    readonly onDetail: (detail: string) => void;
    /** Only tasks created since `since` count (a forced update keeps the spec). @default false */
    readonly newTasks?: boolean;
  },
): Promise<'healthy' | 'running' | 'completed'> {
  const { deadline, signal, onDetail } = options;
  let last = 'waiting for its tasks';
  while (!signal.aborted) {
    const state = await swarm.service(name);
    if (state) {
      const updatedNow = state.updateStartedAt !== undefined && state.updateStartedAt.getTime() >= options.since.getTime() - 1000;
      if (updatedNow && (state.updateState === 'rollback_completed' || state.updateState === 'rollback_paused')) {
        throw new DockerError('AIS_SWARM_UPDATE_ROLLED_BACK', { outcome: 'rolled back', detail: state.updateMessage ?? state.updateState });
      }
      if (updatedNow && state.updateState === 'paused')
        throw new DockerError('AIS_SWARM_UPDATE_ROLLED_BACK', { outcome: 'paused', detail: state.updateMessage ?? 'paused' });
      const tasks = await swarm.tasks(name);
      const current = tasks.filter((task) => task.containerSpec === state.containerSpec);
      if (service.job) {
        if (current.some((task) => task.state === 'complete')) return 'completed';
      } else {
        const running = tasks.filter(
          (task) =>
            task.desiredState === 'running' &&
            task.state === 'running' &&
            (options.newTasks !== true || task.createdAt.getTime() >= options.since.getTime() - 1000),
        );
        const updating = state.updateState === 'updating' || state.updateState === 'rollback_started';
        if (!updating && running.length === state.replicas && running.every((task) => task.containerSpec === state.containerSpec))
          return service.hasHealth ? 'healthy' : 'running';
      }
      const failed = current.filter((task) => task.state === 'failed' || task.state === 'rejected').at(-1);
      last = failed
        ? `task ${failed.state}: ${failed.error ?? failed.message ?? ''}`
        : `${tasks.filter((task) => task.state === 'running').length}/${state.replicas} running${state.updateState ? `, update ${state.updateState}` : ''}`;
      onDetail(last);
    }
    if (Date.now() > deadline) throw new DockerError('AIS_RUNTIME_SERVICE_FAILED', { waited: 'too long', last });
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  throw new DockerError('AIS_RUNTIME_SERVICE_FAILED', { waited: 'stopped' });
}

/** Relative bind sources of these services: directories under the project. */
function bindSources(services: Record<string, unknown>): string[] {
  const sources: string[] = [];
  for (const service of Object.values(services) as { volumes?: { type?: string; source?: string }[] }[]) {
    for (const volume of service.volumes ?? []) if (volume.type === 'bind' && volume.source?.startsWith('./')) sources.push(volume.source);
  }
  return sources;
}
