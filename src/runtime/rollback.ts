import { copyFile, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DockerError } from '../errors.js';
import { describeChanges } from './describe-changes.js';
import type { DeployOutcome } from './finish-rollout.js';
import { finishRollout, resolveInterrupted } from './finish-rollout.js';
import { listManifestChanges } from './manifest-changes.js';
import type { RuntimeContext } from './runtime-context.js';
import { claimStack } from './stack-owner.js';
import type { Revision } from './state-store.js';

/** aistack.yaml holds changes that no healthy revision ever ran. */
export interface UndeployedEdits {
  /** The revision the file was compared with: the one that runs. */
  readonly running: Revision;
  /** The settings that differ (`monitor.notifiers[0].url` …). */
  readonly settings: readonly string[];
  /** Where the edited file is kept when the rollback goes on. */
  readonly keptAs: string;
}

export interface RollbackOptions {
  /**
   * Asked when aistack.yaml has changes that were never deployed: true goes on (the edited file
   * is kept as aistack.yaml.<time>.bak), false stops before anything is touched. Without it such a
   * rollback is refused (AIS_RUNTIME_UNDEPLOYED_EDITS).
   */
  readonly confirmOverwrite?: (edits: UndeployedEdits) => Promise<boolean>;
}

/**
 * Re-apply an earlier revision's files and images as a new revision (`aistack rollback`); its
 * aistack.yaml comes back too, so the next deploy starts from what runs. Edits in aistack.yaml
 * that were never deployed are never overwritten without asking.
 */
export async function rollbackTo(context: RuntimeContext, target?: number, options: RollbackOptions = {}): Promise<DeployOutcome> {
  await context.compose();
  const newest = context.store.listRevisions(1)[0];
  if (newest) await claimStack(context, newest.stackName);
  await resolveInterrupted(context);
  const current = context.store.lastHealthy();
  const source = target === undefined ? (current ? context.store.lastHealthy(current.id) : undefined) : context.store.getRevision(target);
  if (!source) {
    throw new DockerError('AIS_RUNTIME_NO_REVISION', {
      target,
      hint: 'run `aistack history` to see the revisions',
    });
  }
  if (source.stackName !== newest?.stackName) await claimStack(context, source.stackName);
  const sourceManifest = context.store.manifest(source.id);
  const edited = await readFile(context.paths.manifest, 'utf8').catch(() => undefined);
  const running = context.store.lastHealthy() ?? source;
  const runningManifest = context.store.manifest(running.id);
  if (edited !== undefined && edited !== runningManifest && edited !== sourceManifest) {
    const edits: UndeployedEdits = {
      running,
      settings: listManifestChanges(runningManifest, edited),
      keptAs: `${context.paths.manifest}.${context
        .now()
        .toISOString()
        .replace(/[-:]/g, '')
        .replace(/\.\d+Z$/, 'Z')}.bak`,
    };
    const undeployed = { settings: edits.settings, running: running.id, source: source.id };
    if (!options.confirmOverwrite) {
      throw new DockerError('AIS_RUNTIME_UNDEPLOYED_EDITS', {
        ...undeployed,
        declined: false,
        hint:
          `deploy them first (\`aistack deploy\`), or run \`aistack rollback${target === undefined ? '' : ` ${target}`} ` +
          `--yes\` to keep the edited file as ${path.basename(edits.keptAs)} and roll back`,
      });
    }
    if (!(await options.confirmOverwrite(edits))) {
      throw new DockerError('AIS_RUNTIME_UNDEPLOYED_EDITS', {
        ...undeployed,
        declined: true,
        hint: 'deploy them first (`aistack deploy`), or answer yes to keep the edited file aside and roll back',
      });
    }
    await copyFile(context.paths.manifest, edits.keptAs);
    context.say(`Kept your edited aistack.yaml as ${edits.keptAs}.`);
  }
  const files = context.store.files(source.id);
  const revision = context.store.createRevision({
    kind: 'rollback',
    sourceRevision: source.id,
    user: context.user,
    host: context.host,
    pid: context.pid,
    manifest: sourceManifest,
    summary: `rollback to revision ${source.id}: ${describeChanges(current ? context.store.files(current.id) : undefined, files, {
      before: current ? context.store.manifest(current.id) : '',
      after: sourceManifest,
    })}`,
    stackName: source.stackName,
    plan: source.plan,
    files,
    createdAt: context.now().toISOString(),
  });
  context.say(`Revision ${revision.id}: rolling back to revision ${source.id}`);
  const outcome = await finishRollout(context, revision, files, source.id);
  // The manifest goes back too, so the next deploy starts from what runs.
  if (sourceManifest !== '') await writeFile(context.paths.manifest, sourceManifest);
  return outcome;
}
