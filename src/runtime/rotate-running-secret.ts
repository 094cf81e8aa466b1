import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { MOUNTED_SECRETS_DIRECTORY } from '../project/paths.js';
import type { ConsumerContainers, RotationResult } from '../secrets/rotate.js';
import { rotateSecret } from '../secrets/rotate.js';
import { DockerError } from '../errors.js';
import { openProject } from './open-project.js';
import { restartServices } from './restart-services.js';
import { findServiceAddress, isServiceLookupError, SERVICE_LOOKUP_ERRORS } from './service-address.js';
import { claimStack } from './stack-owner.js';
import type { RuntimeContext } from './runtime-context.js';

/**
 * `aistack secrets rotate <name>` on the running stack: the servers are found at their
 * containers' addresses, consumers are restarted through the Engine and waited for.
 */
export async function rotateRunningSecret(
  directory: string,
  name: string,
  options: { readonly say?: (line: string) => void } = {},
): Promise<RotationResult> {
  const opened = await openProject(directory, options.say ? { say: options.say } : {});
  try {
    const { project, context, stackName, plan } = opened;
    if (!project) {
      throw new DockerError('AIS_RUNTIME_NO_STACK', {
        directory: context.paths.directory,
        purpose: 'rotate',
        hint: 'run the command in the project directory',
      });
    }
    await claimStack(context, stackName);
    return await rotateSecret(name, {
      stack: project.stack,
      secretsDirectory: project.paths.secrets,
      serverAddress: async (service) => {
        const port = project.stack.services.find((entry) => entry.id === service)?.port;
        if (port === undefined) return undefined;
        try {
          // One server: with two running, which one would get the new password?
          const address = await findServiceAddress(context.engine.docker, { project: stackName, service, replicas: 'one' });
          return { host: address.ip, port };
        } catch (error: unknown) {
          // Not there or not running: rotateSecret says the server does not run, and that nothing changed.
          if (isServiceLookupError(error, SERVICE_LOOKUP_ERRORS.noContainer, SERVICE_LOOKUP_ERRORS.notRunning)) return undefined;
          throw error;
        }
      },
      consumerContainers: (services) => inspectConsumers(context, stackName, project.paths.secrets, services),
      restart: async (service) => {
        await restartServices(context, stackName, plan, [service]);
      },
      progress: context.say,
    });
  } finally {
    opened.context.close();
  }
}

/** Whether each consumer runs, and whether its /run/secrets is the directory a rotation writes to. */
async function inspectConsumers(
  context: RuntimeContext,
  stackName: string,
  secretsDirectory: string,
  services: readonly string[],
): Promise<ReadonlyMap<string, ConsumerContainers>> {
  const states = new Map<string, ConsumerContainers>();
  for (const service of services) {
    const running = (await context.engine.listContainers(stackName, service)).filter((container) => container.state === 'running');
    if (running.length === 0) {
      states.set(service, 'stopped');
      continue;
    }
    const directory = path.join(secretsDirectory, MOUNTED_SECRETS_DIRECTORY, service);
    const expected = new Set([directory, await realpath(directory).catch(() => directory)]);
    let reachable = true;
    for (const container of running) {
      const info = await context.engine.docker.getContainer(container.id).inspect();
      const mount = info.Mounts.find((entry) => entry.Destination === '/run/secrets');
      if (!mount || !expected.has(mount.Source)) reachable = false;
    }
    states.set(service, reachable ? 'running' : 'file-mounts');
  }
  return states;
}
