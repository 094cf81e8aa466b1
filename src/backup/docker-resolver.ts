import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { BackupError } from '../errors.js';
import type { ProjectPaths } from '../project/paths.js';
import type { Engine } from '../runtime/engine.js';
import type { Stack } from '../stack/types.js';
import { createDockerServiceControl, createDockerVolumeAccess, findServiceContainer, replaceDockerDataFile } from './docker-access.js';
import { createEngineExecutor } from './engine-executor.js';
import type { BackupResolver } from './resolver.js';

/** Strategies against the running stack: containers found by compose labels, tools run with `docker exec` through the Engine API. */
export function createDockerResolver(options: {
  readonly stack: Stack;
  readonly paths: ProjectPaths;
  readonly engine: Engine;
}): BackupResolver {
  const { stack, paths, engine } = options;
  const project = stack.name;
  const control = createDockerServiceControl(engine, project);
  const service = (id: string) => stack.services.find((candidate) => candidate.id === id);
  const readSecret = async (name: string): Promise<string> => {
    try {
      return (await readFile(path.join(paths.secrets, name), 'utf8')).trim();
    } catch (error: unknown) {
      throw new BackupError('AIS_BACKUP_SECRET_MISSING', `the secret ${name} is missing from ${paths.secrets}`, {
        hint: 'run `aistack up` (it creates missing secrets) or restore them: `aistack restore <id> config`',
        cause: error,
      });
    }
  };
  const startTimeout = (id: string): number => service(id)?.startTimeout ?? 180;
  return {
    control,
    startTimeout,
    async postgres() {
      const container = await findServiceContainer(engine, project, 'postgres');
      const user = service('postgres')?.environment.POSTGRES_USER ?? 'postgres';
      // Inside the container the tools use the local socket, which the image trusts.
      return { executor: createEngineExecutor(engine.docker, container), connection: ['--username', user], user: 'postgres' };
    },
    async redis(id) {
      const container = await findServiceContainer(engine, project, id);
      const passwordSecret = service(id)?.secrets.find((name) => name.includes('password'));
      const environment = passwordSecret ? { REDISCLI_AUTH: await readSecret(passwordSecret) } : undefined;
      return {
        executor: createEngineExecutor(engine.docker, container),
        cli: ['redis-cli', '--no-auth-warning'],
        ...(environment ? { environment } : {}),
        replaceDataFile: (input) => replaceDockerDataFile(engine.docker, container, input),
        stop: async () => {
          await control.stop([id]);
        },
        start: async () => {
          await control.start([id]);
        },
      };
    },
    async qdrant(id) {
      const container = await findServiceContainer(engine, project, id);
      const info = await engine.docker.getContainer(container.id).inspect();
      const address = Object.values(info.NetworkSettings.Networks ?? {})
        .map((network) => network.IPAddress)
        .find((ip) => ip);
      if (!address)
        throw new BackupError('AIS_BACKUP_NO_CONTAINER', `${id} has no network address`, { hint: 'start the stack (`aistack up`)' });
      const keySecret = service(id)?.secretEnvironment.find((secret) => secret.variable === 'QDRANT__SERVICE__API_KEY')?.secret;
      return { baseUrl: `http://${address}:${service(id)?.port ?? 6333}`, ...(keySecret ? { apiKey: await readSecret(keySecret) } : {}) };
    },
    async volume(volume) {
      const container = await findServiceContainer(engine, project, volume.service);
      return createDockerVolumeAccess(engine.docker, container, volume.target);
    },
  };
}
