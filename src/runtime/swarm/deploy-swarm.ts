import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { DockerError } from '../../errors.js';
import type { Project } from '../../project/load.js';
import { MOUNTED_SECRETS_DIRECTORY } from '../../project/paths.js';
import { detectRenderOptions, renderProjectTarget } from '../../project/render-project.js';
import { writeRenderedFiles } from '../../project/write-files.js';
import { DEFAULT_NODE_LABEL } from '../../render/swarm/plan-swarm.js';
import { SWARM_STACK_FILE } from '../../render/swarm/render-swarm-stack.js';
import type { RenderedFile } from '../../render/types.js';
import { describeChanges, hasSameFiles } from '../describe-changes.js';
import type { DeployOutcome } from '../finish-rollout.js';
import { rolloutError } from '../finish-rollout.js';
import type { Preflight } from '../preflight.js';
import type { RolloutReport, RolloutService } from '../rollout.js';
import { planRollout, runRollout } from '../rollout.js';
import type { RuntimeContext } from '../runtime-context.js';
import type { Revision } from '../state-store.js';
import { createSwarmEngine } from './swarm-engine.js';
import type { SwarmEngine } from './swarm-engine.js';
import { createSwarmRolloutDriver } from './swarm-rollout-driver.js';

/** A revision deployed to Swarm: its files hold swarm.yaml (and no compose.yaml). */
export function isSwarmRevision(files: readonly RenderedFile[]): boolean {
  return files.some((file) => file.path === SWARM_STACK_FILE);
}

/** The Engine is a swarm manager and a node carries the data label; else a clear error saying what to run. */
export async function assertSwarmReady(swarm: SwarmEngine, nodeLabel: string): Promise<void> {
  const local = await swarm.localState();
  if (local.state !== 'active' || !local.manager) {
    throw new DockerError('AIS_SWARM_NOT_MANAGER', {
      state: local.state,
      hint: 'run `docker swarm init` (or join a swarm as a manager), or deploy with `--target compose`; see docs/cluster.md',
    });
  }
  if ((await swarm.nodesLabelled(nodeLabel)).length === 0) {
    throw new DockerError('AIS_SWARM_NO_DATA_NODE', {
      nodeLabel,
      hint: `label the node that keeps the data: \`docker node update --label-add ${nodeLabel}=true <node>\` (targets.swarm.nodeLabel)`,
    });
  }
}

/**
 * Short digests of the secret copies containers read (.aistack/secrets/mounted/<service>/<file>):
 * Swarm secrets cannot change, so a new value is a new secret name. 8 hex digits of SHA-256 of a
 * generated 32-byte value tell nothing about it.
 */
export async function readSecretVersions(secretsDirectory: string): Promise<Record<string, string>> {
  const root = path.join(secretsDirectory, MOUNTED_SECRETS_DIRECTORY);
  const versions: Record<string, string> = {};
  const services = await readdir(root).catch(() => [] as string[]);
  for (const service of services.sort()) {
    for (const file of (await readdir(path.join(root, service)).catch(() => [] as string[])).sort()) {
      if (versions[file]) continue;
      const content = await readFile(path.join(root, service, file));
      versions[file] = createHash('sha256').update(content).digest('hex').slice(0, 8);
    }
  }
  return versions;
}

/** `aistack deploy --target swarm`: secrets and TLS, render for Swarm, record a revision, roll it out in dependency order. */
export async function deploySwarm(
  context: RuntimeContext,
  project: Project,
  preflight: Preflight,
  options: { readonly force?: boolean; readonly swarm?: SwarmEngine } = {},
): Promise<DeployOutcome> {
  const swarm = options.swarm ?? createSwarmEngine(context.engine.docker);
  await assertSwarmReady(swarm, project.manifest.targets?.swarm?.nodeLabel ?? DEFAULT_NODE_LABEL);
  for (const warning of (await preflight.prepare(project)).warnings) context.say(warning);
  const files = renderProjectTarget(project, 'swarm', {
    ...(await detectRenderOptions(project)),
    secretVersions: await readSecretVersions(context.paths.secrets),
  });
  const current = lastHealthySwarm(context);
  const currentFiles = current ? context.store.files(current.id) : undefined;
  const currentManifest = current ? context.store.manifest(current.id) : '';
  const plan = planRollout(project.stack.services);
  if (current && currentFiles && !options.force && current.stackName === project.stack.name && hasSameFiles(currentFiles, files)) {
    context.say(`No changes since revision ${current.id}; making sure every service is up.`);
    const report = await applySwarmRevision(context, swarm, current, currentFiles);
    if (!report.ok) throw rolloutError({ revision: current.id, outcome: 'nothing newer', failure: report.failure });
    return { revision: current, status: 'unchanged', report };
  }
  const revision = context.store.createRevision({
    kind: 'deploy',
    user: context.user,
    host: context.host,
    pid: context.pid,
    manifest: project.manifestText,
    summary: describeChanges(currentFiles, files, { before: currentManifest, after: project.manifestText }),
    stackName: project.stack.name,
    plan: JSON.stringify(plan),
    files,
    createdAt: context.now().toISOString(),
  });
  context.say(`Revision ${revision.id} (swarm): ${revision.summary}`);
  return finishSwarmRollout(context, swarm, revision, files);
}

/** Roll a recorded swarm revision out; when it fails, Swarm has rolled the failed service back and aistack puts the last healthy revision back. */
export async function finishSwarmRollout(
  context: RuntimeContext,
  swarm: SwarmEngine,
  revision: Revision,
  files: readonly RenderedFile[],
): Promise<DeployOutcome> {
  let report: RolloutReport;
  try {
    report = await applySwarmRevision(context, swarm, revision, files);
  } catch (error: unknown) {
    context.store.finishRevision(
      revision.id,
      'failed',
      context.now().toISOString(),
      error instanceof Error ? error.message : String(error),
    );
    throw error;
  }
  if (report.ok) {
    context.store.finishRevision(revision.id, 'healthy', context.now().toISOString());
    context.say(`Revision ${revision.id} is healthy (${(report.durationMs / 1000).toFixed(1)}s).`);
    return { revision: context.store.getRevision(revision.id)!, status: 'healthy', report };
  }
  const failure = report.failure;
  const reason = failure ? `${failure.service}: ${failure.reason}` : 'rollout failed';
  context.store.finishRevision(revision.id, 'failed', context.now().toISOString(), reason);
  const previous = lastHealthySwarm(context, revision.id);
  if (!previous) throw rolloutError({ revision: revision.id, outcome: 'no healthy swarm revision', failure });
  context.say(`Revision ${revision.id} failed (${reason}); rolling back to revision ${previous.id}.`);
  const back = await applySwarmRevision(context, swarm, previous, context.store.files(previous.id));
  if (back.ok) {
    context.store.finishRevision(revision.id, 'rolled-back', context.now().toISOString(), reason);
    throw rolloutError({ revision: revision.id, outcome: { restored: previous.id }, failure });
  }
  throw rolloutError({ revision: revision.id, outcome: { rollbackFailed: previous.id, failure: back.failure }, failure });
}

/** Write a revision's files into the project and deploy them service by service in dependency order. */
export async function applySwarmRevision(
  context: RuntimeContext,
  swarm: SwarmEngine,
  revision: Revision,
  files: readonly RenderedFile[],
): Promise<RolloutReport> {
  await writeRenderedFiles(context.paths.directory, files);
  const stackFile = files.find((file) => file.path === SWARM_STACK_FILE);
  if (!stackFile) throw new DockerError('AIS_SWARM_NOT_A_SWARM_REVISION', { revision: revision.id });
  const driver = createSwarmRolloutDriver({
    swarm,
    stack: revision.stackName,
    directory: context.paths.directory,
    stackFile: stackFile.content,
    startedAt: context.now(),
  });
  const progress = context.createProgress();
  try {
    return await runRollout(JSON.parse(revision.plan) as RolloutService[], driver, {
      onProgress: (services) => progress.update(services),
      signal: context.interrupts.signal,
    });
  } finally {
    progress.finish();
    await driver.close();
  }
}

/** The newest healthy revision that ran on Swarm, optionally older than `before`. */
export function lastHealthySwarm(context: RuntimeContext, before?: number): Revision | undefined {
  let candidate = context.store.lastHealthy(before);
  while (candidate && !isSwarmRevision(context.store.files(candidate.id))) candidate = context.store.lastHealthy(candidate.id);
  return candidate;
}
