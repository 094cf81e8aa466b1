import { describe, expect, it } from 'vitest';
import { createDockerServiceControl } from '../../src/backup/docker-access.js';
import type { SwarmScaler } from '../../src/backup/docker-access.js';
import type { ContainerState, Engine } from '../../src/runtime/engine.js';

/** A Swarm task's container as the Engine lists it. */
function task(id: string, state: ContainerState['state'], health: ContainerState['health'] = 'healthy'): ContainerState {
  return {
    id,
    name: `ai_db.1.${id}`,
    project: 'ai',
    service: 'db',
    image: 'db:1',
    imageId: 'sha256:1',
    state,
    health,
    lastHealthOutput: undefined,
    exitCode: 0,
    createdAt: new Date(0),
    startedAt: undefined,
    finishedAt: undefined,
    restartCount: 0,
    tty: false,
    ports: [],
    networks: [],
    labels: { 'com.docker.stack.namespace': 'ai' },
  };
}

/** Only what the control calls: the containers of a service, scripted one listing per look. */
function fakes(listings: ContainerState[][], replicas: number) {
  const calls: string[] = [];
  let look = 0;
  const engine = {
    listContainers: async () => listings[Math.min(look++, listings.length - 1)]!,
  } as unknown as Engine;
  const swarm: SwarmScaler = {
    service: async (name: string) => {
      calls.push(`service ${name}`);
      return { replicas } as Awaited<ReturnType<SwarmScaler['service']>>;
    },
    scale: async (name: string, count: number) => {
      calls.push(`scale ${name} ${count}`);
    },
  };
  return { engine, swarm, calls };
}

describe('the backup service control on Swarm', () => {
  it('scales a service to 0 and waits until none of its tasks runs, then scales it back', async () => {
    const { engine, swarm, calls } = fakes([[task('a', 'running')], [task('a', 'running')], [task('a', 'exited')]], 1);
    const control = createDockerServiceControl(engine, 'ai', swarm, { pollMs: 1 });
    expect(await control.stop(['db'])).toEqual(['db']);
    await control.start(['db']);
    expect(calls).toEqual(['service ai_db', 'scale ai_db 0', 'scale ai_db 1']);
  });

  it('says a task still runs after the scale to 0 with its own code, not an unhealthy restore', async () => {
    const { engine, swarm } = fakes([[task('a', 'running')]], 1);
    const control = createDockerServiceControl(engine, 'ai', swarm, { stopTimeoutMs: 20, pollMs: 1 });
    await expect(control.stop(['db'])).rejects.toMatchObject({
      code: 'AIS_BACKUP_SERVICE_STILL_RUNNING',
      message: 'db still runs 0.02 s after it was scaled to 0',
      hint: 'look at `docker service ps ai_db`; nothing was changed yet',
    });
  });

  it('waits for as many healthy running tasks as the service wants, asking Swarm once, and ignores old exited ones', async () => {
    const { engine, swarm, calls } = fakes(
      [
        [task('old', 'exited'), task('a', 'running', 'starting')],
        [task('old', 'exited'), task('a', 'running'), task('b', 'running', 'starting')],
        [task('old', 'exited'), task('a', 'running'), task('b', 'running')],
      ],
      2,
    );
    await createDockerServiceControl(engine, 'ai', swarm, { pollMs: 1 }).waitHealthy(['db'], 5_000);
    expect(calls).toEqual(['service ai_db']);
  });
});
