import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { BackupError } from '../errors.js';
import type { ProjectPaths } from '../project/paths.js';
import type { Engine } from '../runtime/engine.js';
import type { ServiceContainer, ServiceContainerQuery } from '../runtime/service-address.js';
import { findServiceAddress, findServiceContainer, isServiceLookupError, SERVICE_LOOKUP_ERRORS } from '../runtime/service-address.js';
import type { Stack } from '../stack/types.js';
import { createSwarmEngine } from '../runtime/swarm/swarm-engine.js';
import { createDockerServiceControl, createDockerVolumeAccess, replaceDockerDataFile } from './docker-access.js';
import { createEngineExecutor } from './engine-executor.js';
import type { BackupResolver } from './resolver.js';

/**
 * Strategies against the running stack: containers found by compose or Swarm labels (findServiceContainer), tools run with
 * `docker exec` through the Engine API.
 */
export function createDockerResolver(options: {
  readonly stack: Stack;
  readonly paths: ProjectPaths;
  readonly engine: Engine;
}): BackupResolver {
  const { stack, paths, engine } = options;
  const project = stack.name;
  const control = createDockerServiceControl(engine, project, createSwarmEngine(engine.docker));
  const service = (id: string) => stack.services.find((candidate) => candidate.id === id);
  const readSecret = async (name: string): Promise<string> => {
    try {
      return (await readFile(path.join(paths.secrets, name), 'utf8')).trim();
    } catch (error: unknown) {
      throw new BackupError('AIS_BACKUP_SECRET_MISSING', {
        secret: name,
        directory: paths.secrets,
        hint: 'run `aistack up` (it creates missing secrets) or restore them: `aistack restore <id> config`',
        cause: error,
      });
    }
  };
  const startTimeout = (id: string): number => service(id)?.startTimeout ?? 180;
  // A data server is one container (of two running, which holds the data?); a volume is the same from any.
  const container = (id: string, query: Pick<ServiceContainerQuery, 'state' | 'replicas'>): Promise<ServiceContainer> =>
    withBackupCode(findServiceContainer(engine.docker, { project, service: id, ...query }));
  return {
    control,
    startTimeout,
    async postgres() {
      const found = await container('postgres', { state: 'running', replicas: 'one' });
      const user = service('postgres')?.environment.POSTGRES_USER ?? 'postgres';
      // Inside the container the tools use the local socket, which the image trusts.
      return { executor: createEngineExecutor(engine.docker, found), connection: ['--username', user], user: 'postgres' };
    },
    async redis(id) {
      // A stopped Redis is fine: a restore stops it anyway before it replaces the data file.
      const found = await container(id, { state: 'any', replicas: 'one' });
      const passwordSecret = service(id)?.secrets.find((name) => name.includes('password'));
      const environment = passwordSecret ? { REDISCLI_AUTH: await readSecret(passwordSecret) } : undefined;
      return {
        executor: createEngineExecutor(engine.docker, found),
        cli: ['redis-cli', '--no-auth-warning'],
        ...(environment ? { environment } : {}),
        replaceDataFile: (input) => replaceDockerDataFile(engine.docker, found, input),
        stop: async () => {
          await control.stop([id]);
        },
        start: async () => {
          await control.start([id]);
        },
      };
    },
    async qdrant(id) {
      const { ip } = await withBackupCode(findServiceAddress(engine.docker, { project, service: id, replicas: 'one' }));
      const keySecret = service(id)?.secretEnvironment.find((secret) => secret.variable === 'QDRANT__SERVICE__API_KEY')?.secret;
      return { baseUrl: `http://${ip}:${service(id)?.port ?? 6333}`, ...(keySecret ? { apiKey: await readSecret(keySecret) } : {}) };
    },
    async volume(volume) {
      // Stopped for a restore, the container still reaches its volumes.
      return createDockerVolumeAccess(engine.docker, await container(volume.service, { state: 'any', replicas: 'first' }), volume.target);
    },
  };
}

/** A service with no container, none running or none reachable keeps the code backup always gave it; the lookup's error is the cause. */
async function withBackupCode<T>(lookup: Promise<T>): Promise<T> {
  try {
    return await lookup;
  } catch (error: unknown) {
    const { noContainer, notRunning, noReachableNetwork } = SERVICE_LOOKUP_ERRORS;
    if (!isServiceLookupError(error, noContainer, notRunning, noReachableNetwork)) throw error;
    throw new BackupError('AIS_BACKUP_NO_CONTAINER', {
      lookup: error.message,
      hint: error.hint ?? 'start the stack first (`aistack up`)',
      cause: error,
    });
  }
}
