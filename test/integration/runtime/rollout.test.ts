import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { createComposeProject } from '../../../src/runtime/compose-project.js';
import { createDockerRolloutDriver } from '../../../src/runtime/docker-rollout-driver.js';
import { createEngine } from '../../../src/runtime/engine.js';
import { runRollout } from '../../../src/runtime/rollout.js';
import type { RolloutService } from '../../../src/runtime/rollout.js';
import { ensureTestImage } from '../../support/images.js';
import { delayedHealthyService, removeProject, uniqueProjectName } from './support.js';

describe('rollout on Docker', () => {
  const project = uniqueProjectName('ais-rollout');
  let directory = '';
  let image = '';

  beforeAll(async () => {
    image = await ensureTestImage('busybox');
    directory = await mkdtemp(path.join(os.tmpdir(), 'aistack-rollout-'));
  });
  afterAll(async () => {
    await removeProject(project);
    await rm(directory, { recursive: true, force: true });
  });

  it('starts services as their dependencies turn healthy, runs jobs to completion, and names a failing service with its last log lines', async () => {
    const compose = {
      services: {
        db: delayedHealthyService(image, 2),
        cache: delayedHealthyService(image, 1),
        migrate: {
          image,
          command: ['sh', '-c', 'echo migrating; sleep 1; echo migrated'],
          restart: 'no',
          labels: { 'ai.aistack.job': 'true' },
        },
        app: delayedHealthyService(image, 1),
        web: delayedHealthyService(image, 1, { networks: ['front', 'back'] }),
      },
      networks: { front: {}, back: { internal: true } },
    };
    const file = path.join(directory, 'compose.yaml');
    await writeFile(file, stringify(compose, { version: '1.1' }));
    const services: RolloutService[] = [
      { id: 'db', dependsOn: [], job: false, hasHealth: true, startTimeout: 30 },
      { id: 'cache', dependsOn: [], job: false, hasHealth: true, startTimeout: 30 },
      { id: 'migrate', dependsOn: [{ service: 'db', condition: 'service_healthy' }], job: true, hasHealth: false, startTimeout: 30 },
      {
        id: 'app',
        dependsOn: [
          { service: 'cache', condition: 'service_healthy' },
          { service: 'migrate', condition: 'service_completed_successfully' },
        ],
        job: false,
        hasHealth: true,
        startTimeout: 30,
      },
      { id: 'web', dependsOn: [{ service: 'app', condition: 'service_healthy' }], job: false, hasHealth: true, startTimeout: 30 },
    ];
    const engine = createEngine();
    const project_ = await createComposeProject({ name: project, files: [file], projectDirectory: directory });
    const driver = await createDockerRolloutDriver(engine, project_, { startedAt: new Date() });
    const report = await runRollout(services, driver);
    await driver.created;
    driver.close();

    expect(report.failure).toBeUndefined();
    expect(Object.fromEntries(report.services.map((service) => [service.id, service.phase]))).toEqual({
      db: 'healthy',
      cache: 'healthy',
      migrate: 'completed',
      app: 'healthy',
      web: 'healthy',
    });
    const at = Object.fromEntries(report.services.map((service) => [service.id, service]));
    // db and cache start together; app only after migrate completed, which waited for db.
    // (Together: neither waited for the other to turn ready, whatever the load.)
    expect(at.cache!.startedAt!).toBeLessThan(at.db!.readyAt!);
    expect(at.db!.startedAt!).toBeLessThan(at.cache!.readyAt!);
    expect(at.migrate!.startedAt!).toBeGreaterThanOrEqual(at.db!.readyAt!);
    expect(at.app!.startedAt!).toBeGreaterThanOrEqual(at.migrate!.readyAt!);
    expect(at.web!.startedAt!).toBeGreaterThanOrEqual(at.app!.readyAt!);
    // What Docker recorded agrees.
    const containers = await engine.listContainers(project);
    const started = Object.fromEntries(containers.map((container) => [container.service, container.startedAt!.getTime()]));
    expect(started.app!).toBeGreaterThan(started.db!);
    expect(started.web!).toBeGreaterThan(started.app!);
    // A service on two networks is connected to both (compose 1.x connects the second only when it starts the container).
    expect(containers.find((container) => container.service === 'web')!.networks).toEqual([`${project}_back`, `${project}_front`]);
    const migrate = containers.find((container) => container.service === 'migrate')!;
    expect([migrate.state, migrate.exitCode]).toEqual(['exited', 0]);

    // Now a version whose app never turns healthy.
    const broken = {
      ...compose,
      services: {
        ...compose.services,
        app: {
          ...delayedHealthyService(image, 1),
          command: ['sh', '-c', 'echo "app: cannot reach the database" >&2; exec sleep 100000'],
          healthcheck: { test: ['CMD', 'false'], interval: '500ms', timeout: '2s', retries: 2, start_period: '1s' },
        },
      },
    };
    await writeFile(file, stringify(broken, { version: '1.1' }));
    const second = await createDockerRolloutDriver(engine, project_, { startedAt: new Date() });
    const failed = await runRollout(services, second);
    await second.created;
    second.close();
    expect(failed.ok).toBe(false);
    expect(failed.failure?.service).toBe('app');
    expect(failed.failure?.reason).toMatch(/^health check failed/);
    expect(failed.failure?.logs).toEqual(['app: cannot reach the database']);
    expect(failed.services.find((service) => service.id === 'web')?.phase).toBe('skipped');
  }, 120_000);

  it('does not wait a whole health-check interval: a service up after 1 s with a 30 s interval lets its dependant start within seconds', async () => {
    const slowProject = uniqueProjectName('ais-probe');
    try {
      const slowCheck = (delay: number): Record<string, unknown> => ({
        ...delayedHealthyService(image, delay),
        healthcheck: { test: ['CMD-SHELL', 'test -f /tmp/ready'], interval: '30s', timeout: '2s', retries: 3, start_period: '60s' },
      });
      const file = path.join(directory, 'slow.yaml');
      await writeFile(file, stringify({ services: { db: slowCheck(1), app: slowCheck(1) } }, { version: '1.1' }));
      const engine = createEngine();
      const compose = await createComposeProject({ name: slowProject, files: [file], projectDirectory: directory });
      const driver = await createDockerRolloutDriver(engine, compose, { startedAt: new Date() });
      const report = await runRollout(
        [
          { id: 'db', dependsOn: [], job: false, hasHealth: true, startTimeout: 60 },
          { id: 'app', dependsOn: [{ service: 'db', condition: 'service_healthy' }], job: false, hasHealth: true, startTimeout: 60 },
        ],
        driver,
      );
      await driver.created;
      driver.close();
      expect(report.ok).toBe(true);
      // Docker alone would say healthy only 30 s after each start (60 s for the two levels); under
      // one interval means neither level waited one out, however loaded the machine.
      expect(report.durationMs).toBeLessThan(30_000);
      const containers = await engine.listContainers(slowProject);
      expect(containers.map((container) => container.health)).toEqual(['starting', 'starting']);
    } finally {
      await removeProject(slowProject);
    }
  }, 60_000);
  it('reports a service that is not healthy within its startTimeout with its last 20 log lines, like a crash', async () => {
    const slowProject = uniqueProjectName('ais-timeout');
    try {
      const file = path.join(directory, 'timeout.yaml');
      const never = {
        ...delayedHealthyService(image, 1),
        command: ['sh', '-c', 'for i in $$(seq 1 30); do echo "waiting for the model, try $$i"; done; exec sleep 100000'],
        healthcheck: { test: ['CMD-SHELL', 'test -f /tmp/never'], interval: '1s', timeout: '2s', retries: 3, start_period: '60s' },
      };
      await writeFile(file, stringify({ services: { app: never } }, { version: '1.1' }));
      const engine = createEngine();
      const compose = await createComposeProject({ name: slowProject, files: [file], projectDirectory: directory });
      const driver = await createDockerRolloutDriver(engine, compose, { startedAt: new Date() });
      const report = await runRollout([{ id: 'app', dependsOn: [], job: false, hasHealth: true, startTimeout: 4 }], driver);
      await driver.created;
      driver.close();
      expect(report.ok).toBe(false);
      expect(report.failure?.reason).toBe('not healthy after 4s (starting)');
      expect(report.failure?.logs).toEqual(Array.from({ length: 20 }, (_, index) => `waiting for the model, try ${index + 11}`));
    } finally {
      await removeProject(slowProject);
    }
  }, 60_000);
});
