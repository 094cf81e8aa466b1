import { writeFile } from 'node:fs/promises';
import { DockerError } from '../errors.js';
import type { RenderedFile } from '../render/types.js';
import { applyRevision, collectImages, imagePins } from './apply-revision.js';
import { describeChanges, hasSameFiles } from './describe-changes.js';
import type { RolloutFailure, RolloutReport, RolloutService } from './rollout.js';
import type { RuntimeContext } from './runtime-context.js';
import type { Revision } from './state-store.js';

export interface DeployInput {
  readonly stackName: string;
  readonly manifestText: string;
  readonly files: readonly RenderedFile[];
  readonly plan: readonly RolloutService[];
  /** Record a new revision even when nothing changed. @default false */
  readonly force?: boolean;
}

export interface DeployOutcome {
  readonly revision: Revision;
  /** `unchanged`: the current revision was only brought back to health. */
  readonly status: 'healthy' | 'unchanged';
  readonly report: RolloutReport;
}

/**
 * Deploy: record a revision, roll it out, mark it healthy. When it does not end healthy, roll back
 * to the last healthy revision and throw an error that names the failed service.
 */
export async function deploy(context: RuntimeContext, input: DeployInput): Promise<DeployOutcome> {
  await resolveInterrupted(context);
  const current = context.store.lastHealthy();
  const currentFiles = current ? context.store.files(current.id) : undefined;
  if (current && currentFiles && !input.force && current.stackName === input.stackName && hasSameFiles(currentFiles, input.files)) {
    context.say(`No changes since revision ${current.id}; making sure every service is up.`);
    const report = await applyRevision(context, current, currentFiles, await imagePins(context, context.store.images(current.id)));
    if (!report.ok) throw rolloutError(report.failure, `revision ${current.id} is not healthy`, 'nothing newer to roll back from');
    return { revision: current, status: 'unchanged', report };
  }
  const revision = context.store.createRevision({
    kind: 'deploy',
    user: context.user,
    host: context.host,
    pid: context.pid,
    manifest: input.manifestText,
    summary: describeChanges(currentFiles, input.files),
    stackName: input.stackName,
    plan: JSON.stringify(input.plan),
    files: input.files,
    createdAt: context.now().toISOString(),
  });
  context.say(`Revision ${revision.id}: ${revision.summary}`);
  return finishRollout(context, revision, input.files);
}

/** Re-apply an earlier revision's files and images as a new revision (`aistack rollback`). */
export async function rollbackTo(context: RuntimeContext, target?: number): Promise<DeployOutcome> {
  await resolveInterrupted(context);
  const current = context.store.lastHealthy();
  const source = target === undefined ? (current ? context.store.lastHealthy(current.id) : undefined) : context.store.getRevision(target);
  if (!source) {
    throw new DockerError(
      'AIS_RUNTIME_NO_REVISION',
      target === undefined ? 'there is no earlier healthy revision to roll back to' : `there is no revision ${target}`,
      {
        hint: 'run `aistack history` to see the revisions',
      },
    );
  }
  const files = context.store.files(source.id);
  const revision = context.store.createRevision({
    kind: 'rollback',
    sourceRevision: source.id,
    user: context.user,
    host: context.host,
    pid: context.pid,
    manifest: context.store.manifest(source.id),
    summary: `rollback to revision ${source.id}: ${describeChanges(current ? context.store.files(current.id) : undefined, files)}`,
    stackName: source.stackName,
    plan: source.plan,
    files,
    createdAt: context.now().toISOString(),
  });
  context.say(`Revision ${revision.id}: rolling back to revision ${source.id}`);
  const outcome = await finishRollout(context, revision, files, source.id);
  // The manifest goes back too, so the next deploy starts from what runs.
  await writeManifest(context, context.store.manifest(source.id));
  return outcome;
}

async function finishRollout(
  context: RuntimeContext,
  revision: Revision,
  files: readonly RenderedFile[],
  imagesFrom?: number,
): Promise<DeployOutcome> {
  const pins = imagesFrom === undefined ? [] : await imagePins(context, context.store.images(imagesFrom));
  let report: RolloutReport;
  try {
    report = await applyRevision(context, revision, files, pins);
  } catch (error: unknown) {
    // compose could not even create the containers (image missing, bad file): a failed revision,
    // rolled back like any other, never left pending.
    const reason = error instanceof Error ? error.message.split('\n').slice(0, 3).join(' ') : String(error);
    context.store.finishRevision(revision.id, 'failed', context.now().toISOString(), reason);
    const previous = context.store.lastHealthy(revision.id);
    if (previous) {
      context.say(`Revision ${revision.id} failed (${reason}); rolling back to revision ${previous.id}.`);
      const back = await applyRevision(
        context,
        previous,
        context.store.files(previous.id),
        await imagePins(context, context.store.images(previous.id)),
      );
      if (back.ok) context.store.finishRevision(revision.id, 'rolled-back', context.now().toISOString(), reason);
    }
    throw error;
  }
  if (report.ok) {
    context.store.recordImages(revision.id, await collectImages(context, revision.stackName));
    context.store.finishRevision(revision.id, 'healthy', context.now().toISOString());
    context.say(`Revision ${revision.id} is healthy (${(report.durationMs / 1000).toFixed(1)}s).`);
    return { revision: context.store.getRevision(revision.id)!, status: 'healthy', report };
  }
  const failure = report.failure;
  const reason = failure ? `${failure.service}: ${failure.reason}` : 'rollout failed';
  context.store.finishRevision(revision.id, 'failed', context.now().toISOString(), reason);
  const previous = context.store.lastHealthy(revision.id);
  if (!previous) throw rolloutError(failure, `revision ${revision.id} failed`, 'there is no healthy revision to roll back to');
  context.say(`Revision ${revision.id} failed (${reason}); rolling back to revision ${previous.id}.`);
  const back = await applyRevision(
    context,
    previous,
    context.store.files(previous.id),
    await imagePins(context, context.store.images(previous.id)),
  );
  if (back.ok) {
    context.store.finishRevision(revision.id, 'rolled-back', context.now().toISOString(), reason);
    // aistack.yaml keeps the user's change (to fix and deploy again); only `aistack rollback` restores it.
    throw rolloutError(failure, `revision ${revision.id} failed and was rolled back; revision ${previous.id} runs again`, undefined);
  }
  throw rolloutError(
    failure,
    `revision ${revision.id} failed, and rolling back to revision ${previous.id} failed too (${back.failure?.service}: ${back.failure?.reason})`,
    undefined,
  );
}

/**
 * A deploy whose CLI died (revision still pending, its process gone) is finished now: rolled out
 * again, and rolled back if it does not end healthy.
 */
export async function resolveInterrupted(context: RuntimeContext): Promise<void> {
  for (const pending of context.store.pendingRevisions()) {
    if (pending.pid === context.pid && pending.host === context.host) continue;
    if (pending.host === context.host && isAlive(pending.pid)) {
      throw new DockerError(
        'AIS_RUNTIME_DEPLOY_RUNNING',
        `revision ${pending.id} is being deployed by another aistack process (pid ${pending.pid})`,
        {
          hint: `wait for it to finish, or stop it (kill ${pending.pid}) and run the command again`,
        },
      );
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
      // The interrupted revision ended failed and rolled back: say so, then go on with the command.
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

async function writeManifest(context: RuntimeContext, text: string): Promise<void> {
  if (text === '') return;
  await writeFile(context.paths.manifest, text);
}

function rolloutError(failure: RolloutFailure | undefined, summary: string, note: string | undefined): DockerError {
  const lines = [summary];
  if (failure) {
    lines.push(`service ${failure.service} failed: ${failure.reason}`);
    if (failure.logs.length > 0)
      lines.push(`last ${failure.logs.length} log lines of ${failure.service}:`, ...failure.logs.map((line) => `  | ${line}`));
  }
  if (note) lines.push(note);
  return new DockerError('AIS_RUNTIME_ROLLOUT_FAILED', lines.join('\n'), {
    hint: failure
      ? `see \`aistack logs ${failure.service}\`, fix aistack.yaml, then \`aistack deploy\``
      : 'see `aistack status` and `aistack logs`',
  });
}
