import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDockerResolver } from '../../../src/backup/docker-resolver.js';
import { createServiceAddressResolver } from '../../../src/monitor/service-address.js';
import { resolveProjectPaths } from '../../../src/project/paths.js';
import { createEngine } from '../../../src/runtime/engine.js';
import { findServiceAddress, findServiceContainer } from '../../../src/runtime/service-address.js';
import { ensureTestImage } from '../../support/images.js';
import { emptyStack } from '../../monitor/support/stack.js';

const run = promisify(execFile);
const docker = new Docker();
const id = randomBytes(3).toString('hex');
// A compose project and a Swarm stack (by labels only: no `docker swarm init` here).
const project = `aisadr-${id}`;
const swarmStack = `aisadr-${id}-swarm`;
const network = `aisadr-${id}-net`;

interface Fixture {
  readonly name: string;
  readonly labels: readonly string[];
  readonly network?: string;
  /** `created`: made, never started; `exited`: ran `true`. */
  readonly state?: 'running' | 'created' | 'exited';
}

const compose = (service: string, ...extra: string[]): string[] => [
  `com.docker.compose.project=${project}`,
  `com.docker.compose.service=${service}`,
  ...extra,
];
const swarm = (service: string): string[] => [
  `com.docker.stack.namespace=${swarmStack}`,
  `com.docker.swarm.service.name=${swarmStack}_${service}`,
  `ai.aistack.service=${service}`,
];

// Made in this order: listContainers answers newest first, so the one-off comes before web's container.
const FIXTURES: readonly Fixture[] = [
  { name: `${project}-web-1`, labels: compose('web') },
  { name: `${project}_web_run_1`, labels: compose('web', 'com.docker.compose.oneoff=True') },
  { name: `${project}-db-1`, labels: compose('db') },
  { name: `${project}-db-2`, labels: compose('db') },
  { name: `${project}-gone-1`, labels: compose('gone'), state: 'exited' },
  { name: `${project}-gone-2`, labels: compose('gone'), state: 'created' },
  { name: `${project}-isolated-1`, labels: compose('isolated'), network: 'none' },
  { name: `${swarmStack}_api.1.${id}`, labels: swarm('api') },
];

const ips = new Map<string, string>();

beforeAll(async () => {
  const image = await ensureTestImage('busybox');
  await run('docker', ['network', 'create', '--label', `aistack.test=${project}`, network]);
  for (const fixture of FIXTURES) {
    const labels = fixture.labels.flatMap((label) => ['--label', label]);
    const state = fixture.state ?? 'running';
    const command = state === 'exited' ? ['true'] : ['sleep', '600'];
    const options = ['--name', fixture.name, '--network', fixture.network ?? network, '--memory', '32m', ...labels, image, ...command];
    if (state === 'created') await run('docker', ['create', ...options]);
    else await run('docker', ['run', '-d', ...options]);
    if (state === 'exited') await run('docker', ['wait', fixture.name]);
    if (state === 'running' && fixture.network === undefined) {
      const { stdout } = await run('docker', [
        'inspect',
        '--format',
        `{{(index .NetworkSettings.Networks "${network}").IPAddress}}`,
        fixture.name,
      ]);
      ips.set(fixture.name, stdout.trim());
    }
  }
}, 300_000);

afterAll(async () => {
  await run('docker', ['rm', '-f', ...FIXTURES.map((fixture) => fixture.name)]).catch(() => undefined);
  await run('docker', ['network', 'rm', network]).catch(() => undefined);
});

describe('findServiceAddress and findServiceContainer against real containers', () => {
  it("finds a compose service's container and its IP on the bridge network, never a `compose run` one-off", async () => {
    const address = await findServiceAddress(docker, { project, service: 'web' });
    expect(address).toMatchObject({ network, ip: ips.get(`${project}-web-1`) });
    expect(address.container).toMatchObject({
      name: `${project}-web-1`,
      project,
      service: 'web',
      orchestrator: 'compose',
      state: 'running',
    });
    expect(address.container.networks).toEqual([{ name: network, id: expect.any(String) as string, ip: ips.get(`${project}-web-1`) }]);
  });

  it('finds a Swarm-labelled container by the stack namespace and aistack service label', async () => {
    const address = await findServiceAddress(docker, { project: swarmStack, service: 'api' });
    expect(address).toMatchObject({ network, ip: ips.get(`${swarmStack}_api.1.${id}`) });
    expect(address.container).toMatchObject({
      name: `${swarmStack}_api.1.${id}`,
      project: swarmStack,
      service: 'api',
      orchestrator: 'swarm',
    });
  });

  it('says a service has no container with AIS_RUNTIME_NO_CONTAINER', async () => {
    await expect(findServiceAddress(docker, { project, service: 'ghost' })).rejects.toMatchObject({
      code: 'AIS_RUNTIME_NO_CONTAINER',
      message: `no container of service ghost in stack ${project}`,
    });
    // A compose container is not a Swarm stack's, nor the other way round.
    await expect(findServiceContainer(docker, { project, service: 'api' })).rejects.toMatchObject({ code: 'AIS_RUNTIME_NO_CONTAINER' });
  });

  it('says a service does not run with AIS_RUNTIME_CONTAINER_NOT_RUNNING, naming its newest container', async () => {
    await expect(findServiceAddress(docker, { project, service: 'gone' })).rejects.toMatchObject({
      code: 'AIS_RUNTIME_CONTAINER_NOT_RUNNING',
      message: `service gone in stack ${project} does not run: ${project}-gone-2 is created`,
    });
    await expect(findServiceContainer(docker, { project, service: 'gone' })).rejects.toMatchObject({
      code: 'AIS_RUNTIME_CONTAINER_NOT_RUNNING',
    });
  });

  it("with state 'any' takes a stopped container, the newest when there are several", async () => {
    const container = await findServiceContainer(docker, { project, service: 'gone', state: 'any' });
    expect(container).toMatchObject({ name: `${project}-gone-2`, state: 'created' });
  });

  it("says several running containers are ambiguous with AIS_RUNTIME_SEVERAL_CONTAINERS, and takes the first by name with replicas 'first'", async () => {
    await expect(findServiceAddress(docker, { project, service: 'db' })).rejects.toMatchObject({
      code: 'AIS_RUNTIME_SEVERAL_CONTAINERS',
      message: `2 containers of service db run in stack ${project} (${project}-db-1, ${project}-db-2), and which one to use is not clear`,
    });
    const address = await findServiceAddress(docker, { project, service: 'db', replicas: 'first' });
    expect(address).toMatchObject({ container: { name: `${project}-db-1` }, ip: ips.get(`${project}-db-1`) });
  });

  it('says a running container on no bridge network has no reachable address with AIS_RUNTIME_NO_REACHABLE_NETWORK', async () => {
    await expect(findServiceAddress(docker, { project, service: 'isolated' })).rejects.toMatchObject({
      code: 'AIS_RUNTIME_NO_REACHABLE_NETWORK',
      message:
        `${project}-isolated-1 (service isolated) has no address this host can reach: it is on none only, and the host ` +
        'reaches containers on bridge networks',
    });
    // The container itself is found: a volume or an exec needs no address.
    expect(await findServiceContainer(docker, { project, service: 'isolated' })).toMatchObject({ name: `${project}-isolated-1` });
  });
});

describe('the callers of the lookup', () => {
  it("the monitor's host resolver answers a service's own container, not a newer `compose run` one-off of it (the old lookup took the one-off)", async () => {
    const resolve = createServiceAddressResolver({ docker, project, services: new Set(['web']) });
    expect(await resolve('web')).toBe(ips.get(`${project}-web-1`));
  });

  it("the monitor's host resolver finds a Swarm stack's container (the old lookup knew compose labels only)", async () => {
    const resolve = createServiceAddressResolver({ docker, project: swarmStack, services: new Set(['api']) });
    expect(await resolve('api')).toBe(ips.get(`${swarmStack}_api.1.${id}`));
  });

  it("the monitor's host resolver takes any replica, and answers nothing for a service it cannot reach", async () => {
    const resolve = createServiceAddressResolver({ docker, project, services: new Set(['db', 'isolated', 'gone', 'ghost']) });
    expect(await resolve('db')).toBe(ips.get(`${project}-db-1`));
    expect(await resolve('isolated')).toBeUndefined();
    expect(await resolve('gone')).toBeUndefined();
    expect(await resolve('ghost')).toBeUndefined();
  });

  it(
    'backup refuses a data server with several running containers (the old lookup backed up one of them), and keeps ' +
      'AIS_BACKUP_NO_CONTAINER for one it cannot reach',
    async () => {
      const resolver = createDockerResolver({
        stack: emptyStack({ name: project }),
        paths: resolveProjectPaths('/nonexistent'),
        engine: createEngine(docker),
      });
      await expect(resolver.redis('db')).rejects.toMatchObject({ code: 'AIS_RUNTIME_SEVERAL_CONTAINERS' });
      await expect(resolver.qdrant('isolated')).rejects.toMatchObject({
        code: 'AIS_BACKUP_NO_CONTAINER',
        message:
          `${project}-isolated-1 (service isolated) has no address this host can reach: it is on none only, and the host ` +
          'reaches containers on bridge networks',
      });
      await expect(resolver.postgres()).rejects.toMatchObject({
        code: 'AIS_BACKUP_NO_CONTAINER',
        message: `no container of service postgres in stack ${project}`,
      });
      // A volume is reached through any container of the service, a stopped one too.
      expect(
        (
          await resolver.volume({
            name: 'data',
            service: 'gone',
            target: '/data',
            backup: { kind: 'volume-tar', live: true },
            description: '',
          })
        ).description,
      ).toBe(`/data of ${project}-gone-2`);
    },
  );
});
