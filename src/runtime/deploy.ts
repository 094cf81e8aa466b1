import { DockerError } from '../errors.js';
import type { RenderedFile } from '../render/types.js';
import { applyRevision, imagePins } from './apply-revision.js';
import { describeChanges, hasSameFiles } from './describe-changes.js';
import type { DeployOutcome } from './finish-rollout.js';
import { describeServices, finishRollout, resolveInterrupted, rolloutError } from './finish-rollout.js';
import { interruptExitCode } from './interrupts.js';
import type { RolloutService } from './rollout.js';
import type { RuntimeContext } from './runtime-context.js';
import { hasSameMountedConfig } from './runtime-override.js';
import { claimStack } from './stack-owner.js';

export type { DeployOutcome } from './finish-rollout.js';

export interface DeployInput {
  readonly stackName: string;
  readonly manifestText: string;
  readonly files: readonly RenderedFile[];
  readonly plan: readonly RolloutService[];
  /** Record a new revision even when nothing changed. @default false */
  readonly force?: boolean;
}

/**
 * Deploy: record a revision, roll it out, mark it healthy. When it does not end healthy, roll back
 * to the last healthy revision and throw an error that names the failed service. A revision is
 * new when a rendered file changed, or what a service mounts from the project (aistack.yaml for
 * the monitor) did.
 */
export async function deploy(context: RuntimeContext, input: DeployInput): Promise<DeployOutcome> {
  // Before anything is recorded: a missing compose is said first.
  await context.compose();
  await claimStack(context, input.stackName);
  await resolveInterrupted(context);
  const current = context.store.lastHealthy();
  const currentFiles = current ? context.store.files(current.id) : undefined;
  const currentManifest = current ? context.store.manifest(current.id) : '';
  if (
    current &&
    currentFiles &&
    !input.force &&
    current.stackName === input.stackName &&
    hasSameFiles(currentFiles, input.files) &&
    hasSameMountedConfig({ files: currentFiles, manifest: currentManifest }, { files: input.files, manifest: input.manifestText })
  ) {
    context.say(`No changes since revision ${current.id}; making sure every service is up.`);
    const report = await applyRevision(context, current, currentFiles, {
      pins: await imagePins(context, context.store.images(current.id)),
      signal: context.interrupts.signal,
    });
    if (report.interrupted) {
      const signal = context.interrupts.received();
      throw Object.assign(
        new DockerError('AIS_RUNTIME_INTERRUPTED', {
          signal: signal ?? 'SIGINT',
          stage: 'restart',
          revision: current.id,
          now: describeServices(report.services),
          hint: 'run `aistack up` to start the rest',
        }),
        { exitCode: interruptExitCode(signal) },
      );
    }
    if (!report.ok) throw rolloutError({ revision: current.id, outcome: 'nothing newer', failure: report.failure });
    return { revision: current, status: 'unchanged', report };
  }
  if (context.interrupts.signal.aborted) {
    const signal = context.interrupts.received();
    throw Object.assign(
      new DockerError('AIS_RUNTIME_INTERRUPTED', {
        signal: signal ?? 'SIGINT',
        stage: 'before deploy',
        hint: 'run the command again',
      }),
      { exitCode: interruptExitCode(signal) },
    );
  }
  const revision = context.store.createRevision({
    kind: 'deploy',
    user: context.user,
    host: context.host,
    pid: context.pid,
    manifest: input.manifestText,
    summary: describeChanges(currentFiles, input.files, { before: currentManifest, after: input.manifestText }),
    stackName: input.stackName,
    plan: JSON.stringify(input.plan),
    files: input.files,
    createdAt: context.now().toISOString(),
  });
  context.say(`Revision ${revision.id}: ${revision.summary}`);
  return finishRollout(context, revision, input.files);
}
