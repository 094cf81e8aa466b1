import { DockerError } from '../errors.js';
import type { AistackErrorOptions, ErrorArgs } from '../errors.js';
import type { RenderedFile } from '../render/types.js';
import { applyRevision, collectImages, imagePins } from './apply-revision.js';
import { interruptExitCode } from './interrupts.js';
import type { RolloutReport, ServiceProgress } from './rollout.js';
import type { RuntimeContext } from './runtime-context.js';
import type { Revision } from './state-store.js';

export interface DeployOutcome {
  readonly revision: Revision;
  /** `unchanged`: the current revision was only brought back to health. */
  readonly status: 'healthy' | 'unchanged';
  readonly report: RolloutReport;
}

/**
 * Roll a recorded revision out and judge it: healthy, or failed and rolled back to the last
 * healthy revision; interrupted (Ctrl-C, SIGTERM) is handled like failed — nothing new starts,
 * the last healthy revision is put back — and ends in AIS_RUNTIME_INTERRUPTED.
 */
export async function finishRollout(
  context: RuntimeContext,
  revision: Revision,
  files: readonly RenderedFile[],
  imagesFrom?: number,
): Promise<DeployOutcome> {
  const pins = imagesFrom === undefined ? [] : await imagePins(context, context.store.images(imagesFrom));
  let latest: readonly ServiceProgress[] = [];
  context.interrupts.setLeftBehind(
    () =>
      `Revision ${revision.id} is left half rolled out (${describeServices(latest)}); the next \`aistack up\` or \`aistack ` +
      `deploy\` finishes it, or rolls it back.`,
  );
  let report: RolloutReport;
  try {
    report = await applyRevision(context, revision, files, {
      pins,
      signal: context.interrupts.signal,
      onProgress: (services) => (latest = services),
    });
  } catch (error: unknown) {
    // compose could not even create the containers (image missing, bad file): a failed revision,
    // rolled back like any other, never left pending.
    const reason = error instanceof Error ? error.message.split('\n').slice(0, 3).join(' ') : String(error);
    context.store.finishRevision(revision.id, 'failed', context.now().toISOString(), reason);
    const previous = context.store.lastHealthy(revision.id);
    if (previous) {
      context.say(`Revision ${revision.id} failed (${reason}); rolling back to revision ${previous.id}.`);
      const back = await rollBack(context, previous);
      if (back.ok) context.store.finishRevision(revision.id, 'rolled-back', context.now().toISOString(), reason);
    }
    throw error;
  } finally {
    context.interrupts.setLeftBehind(undefined);
  }
  if (report.ok) {
    context.store.recordImages(revision.id, await collectImages(context, revision.stackName));
    context.store.finishRevision(revision.id, 'healthy', context.now().toISOString());
    context.say(`Revision ${revision.id} is healthy (${(report.durationMs / 1000).toFixed(1)}s).`);
    return { revision: context.store.getRevision(revision.id)!, status: 'healthy', report };
  }
  if (report.interrupted) return interrupted(context, revision, report);
  const failure = report.failure;
  const reason = failure ? `${failure.service}: ${failure.reason}` : 'rollout failed';
  context.store.finishRevision(revision.id, 'failed', context.now().toISOString(), reason);
  const previous = context.store.lastHealthy(revision.id);
  if (!previous) throw rolloutError({ revision: revision.id, outcome: 'no healthy revision', failure });
  context.say(`Revision ${revision.id} failed (${reason}); rolling back to revision ${previous.id}.`);
  const back = await rollBack(context, previous);
  if (back.ok) {
    context.store.finishRevision(revision.id, 'rolled-back', context.now().toISOString(), reason);
    // aistack.yaml keeps the user's change (to fix and deploy again); only `aistack rollback` restores it.
    throw rolloutError({ revision: revision.id, outcome: { restored: previous.id }, failure });
  }
  throw rolloutError({ revision: revision.id, outcome: { rollbackFailed: previous.id, failure: back.failure }, failure });
}

/** The stack was told to stop mid-way: put the last healthy revision back (unless told again), then say what happened. */
async function interrupted(context: RuntimeContext, revision: Revision, report: RolloutReport): Promise<never> {
  const signal = context.interrupts.received() ?? 'SIGINT';
  const reason = `interrupted (${signal})`;
  const atInterrupt = describeServices(report.services);
  context.store.finishRevision(revision.id, 'failed', context.now().toISOString(), reason);
  const previous = context.store.lastHealthy(revision.id);
  if (!previous) {
    throw interruptError(signal, {
      revision: revision.id,
      atInterrupt,
      rollback: 'none',
      hint: 'run `aistack up` to start it again, or `aistack down` to stop what started',
    });
  }
  context.say(`Revision ${revision.id} interrupted (${signal}); rolling back to revision ${previous.id}.`);
  const back = await rollBack(context, previous);
  if (back.ok) {
    context.store.finishRevision(revision.id, 'rolled-back', context.now().toISOString(), reason);
    throw interruptError(signal, {
      revision: revision.id,
      atInterrupt,
      rollback: { restored: previous.id },
      hint: 'aistack.yaml still has the change: `aistack deploy` tries it again',
    });
  }
  throw interruptError(signal, {
    revision: revision.id,
    atInterrupt,
    rollback: { failed: previous.id, failure: back.failure, now: describeServices(back.services) },
    hint: `see \`aistack status\`; \`aistack rollback ${previous.id}\` puts revision ${previous.id} back`,
  });
}

/** Re-apply the last healthy revision (its files and exact images); a second Ctrl-C exits at once and says how far it got. */
async function rollBack(context: RuntimeContext, previous: Revision): Promise<RolloutReport> {
  let latest: readonly ServiceProgress[] = [];
  context.interrupts.setLeftBehind(
    () =>
      `Going back to revision ${previous.id} was cut short (${describeServices(latest)}): \`aistack rollback ${previous.id}\` finishes it.`,
  );
  try {
    return await applyRevision(context, previous, context.store.files(previous.id), {
      pins: await imagePins(context, context.store.images(previous.id)),
      onProgress: (services) => (latest = services),
    });
  } finally {
    context.interrupts.setLeftBehind(undefined);
  }
}

/** `postgres healthy, app started, not ready, web not started` */
export function describeServices(services: readonly ServiceProgress[]): string {
  if (services.length === 0) return 'nothing started yet';
  return services
    .map(
      (service) =>
        `${service.id} ${
          service.phase === 'waiting' || (service.phase === 'skipped' && service.startedAt === undefined)
            ? 'not started'
            : service.phase === 'skipped'
              ? 'started, not ready'
              : service.phase
        }`,
    )
    .join(', ');
}

/** A rollout interrupted by `signal`: what its template needs besides the signal, and the hint. */
type RolloutInterruptFacts = Omit<Extract<ErrorArgs<'AIS_RUNTIME_INTERRUPTED'>[0], { readonly stage: 'rollout' }>, 'signal' | 'stage'>;

function interruptError(signal: NodeJS.Signals, facts: RolloutInterruptFacts & { readonly hint: string }): DockerError {
  return Object.assign(new DockerError('AIS_RUNTIME_INTERRUPTED', { ...facts, signal, stage: 'rollout' }), {
    exitCode: interruptExitCode(signal),
  });
}

type RolloutFailedFacts = Omit<ErrorArgs<'AIS_RUNTIME_ROLLOUT_FAILED'>[0], keyof AistackErrorOptions>;

export function rolloutError(facts: RolloutFailedFacts): DockerError {
  const { failure } = facts;
  return new DockerError('AIS_RUNTIME_ROLLOUT_FAILED', {
    ...facts,
    hint: failure
      ? `see \`aistack logs ${failure.service}\`, fix aistack.yaml, then \`aistack deploy\``
      : 'see `aistack status` and `aistack logs`',
  });
}

/**
 * A deploy whose CLI died (revision still pending, its process gone) is finished now: rolled out
 * again, and rolled back if it does not end healthy.
 */
export async function resolveInterrupted(context: RuntimeContext): Promise<void> {
  for (const pending of context.store.pendingRevisions()) {
    if (pending.pid === context.pid && pending.host === context.host) continue;
    if (pending.host === context.host && isAlive(pending.pid)) {
      throw new DockerError('AIS_RUNTIME_DEPLOY_RUNNING', {
        revision: pending.id,
        pid: pending.pid,
        hint: `wait for it to finish, or stop it (kill ${pending.pid}) and run the command again`,
      });
    }
    context.say(`Revision ${pending.id} was interrupted (aistack pid ${pending.pid} is gone); finishing it.`);
    try {
      await finishRollout(
        context,
        pending,
        context.store.files(pending.id),
        pending.kind === 'rollback' ? pending.sourceRevision : undefined,
      );
    } catch (error: unknown) {
      // Ctrl-C while finishing it stops the command; any other end was said, and the command goes on.
      if (error instanceof DockerError && error.code === 'AIS_RUNTIME_INTERRUPTED') throw error;
      context.say(error instanceof Error ? error.message : String(error));
    }
  }
}

/** Pending revisions whose aistack process is gone (for commands that only report, like `status`). */
export function findInterrupted(context: RuntimeContext): Revision[] {
  return context.store.pendingRevisions().filter((revision) => !(revision.host === context.host && isAlive(revision.pid)));
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error: unknown) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
