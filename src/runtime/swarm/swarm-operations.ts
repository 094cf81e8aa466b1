import { DockerError } from '../../errors.js';
import type { DeployOutcome } from '../finish-rollout.js';
import type { RuntimeContext } from '../runtime-context.js';
import { finishSwarmRollout, isSwarmRevision } from './deploy-swarm.js';
import type { SwarmEngine } from './swarm-engine.js';

/** `aistack down --target swarm`: `docker stack rm`, then wait until its services, networks, secrets and configs are gone. Volumes stay. */
export async function downSwarm(context: RuntimeContext, swarm: SwarmEngine, stack: string, timeoutMs = 90_000): Promise<void> {
  await swarm.remove(stack);
  const deadline = Date.now() + timeoutMs;
  let left = await swarm.leftovers(stack);
  while (left > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    left = await swarm.leftovers(stack);
  }
  if (left > 0) {
    throw new DockerError('AIS_SWARM_DOWN_TIMEOUT', {
      left,
      stack,
      seconds: timeoutMs / 1000,
      hint: `see \`docker stack ps ${stack}\`; run \`aistack down --target swarm\` again`,
    });
  }
  context.say(`Stack ${stack} removed from the swarm; volumes kept.`);
}

/** One line per service: `name  running/desired  update state`. */
export async function describeSwarmStatus(
  swarm: SwarmEngine,
  stack: string,
): Promise<{ service: string; running: number; desired: number; update: string }[]> {
  const services = await swarm.stackServices(stack);
  return Promise.all(
    services.map(async (service) => {
      const tasks = await swarm.tasks(service.name);
      return {
        service: service.name.slice(stack.length + 1),
        running: tasks.filter((task) => task.desiredState === 'running' && task.state === 'running').length,
        desired: service.replicas,
        update: service.updateState ?? '',
      };
    }),
  );
}

/** `aistack rollback --target swarm [id]`: a new revision with an earlier swarm revision's files. */
export async function rollbackSwarm(context: RuntimeContext, swarm: SwarmEngine, targetId: number | undefined): Promise<DeployOutcome> {
  const revisions = context.store.listRevisions(100);
  const latest = revisions[0];
  const target =
    targetId === undefined
      ? revisions.find(
          (revision) => revision.id !== latest?.id && revision.result === 'healthy' && isSwarmRevision(context.store.files(revision.id)),
        )
      : context.store.getRevision(targetId);
  if (!target || !isSwarmRevision(context.store.files(target.id))) {
    throw new DockerError('AIS_SWARM_NO_REVISION', { revision: targetId, hint: 'see `aistack history`' });
  }
  const files = context.store.files(target.id);
  const revision = context.store.createRevision({
    kind: 'rollback',
    sourceRevision: target.id,
    user: context.user,
    host: context.host,
    pid: context.pid,
    manifest: context.store.manifest(target.id),
    summary: `rollback to revision ${target.id}`,
    stackName: target.stackName,
    plan: target.plan,
    files,
    createdAt: context.now().toISOString(),
  });
  context.say(`Revision ${revision.id}: rollback to revision ${target.id} (swarm)`);
  return finishSwarmRollout(context, swarm, revision, files);
}
