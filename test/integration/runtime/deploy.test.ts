import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { resolveProjectPaths } from '../../../src/project/paths.js';
import { deploy } from '../../../src/runtime/deploy.js';
import type { DeployInput } from '../../../src/runtime/deploy.js';
import { downStack } from '../../../src/runtime/down-stack.js';
import { resolveInterrupted } from '../../../src/runtime/finish-rollout.js';
import { rollbackTo } from '../../../src/runtime/rollback.js';
import type { RolloutService } from '../../../src/runtime/rollout.js';
import type { RuntimeContext } from '../../../src/runtime/runtime-context.js';
import { createRuntimeContext } from '../../../src/runtime/runtime-context.js';
import { ensureTestImage } from '../../support/images.js';
import { delayedHealthyService, fetchText, freePort, removeProject, uniqueProjectName, webService } from './support.js';

describe('deploy, automatic rollback and interrupted deploys on Docker', () => {
  const project = uniqueProjectName('ais-deploy');
  let directory = '';
  let image = '';
  let port = 0;
  let context: RuntimeContext;
  const said: string[] = [];

  const plan: RolloutService[] = [
    { id: 'store', dependsOn: [], job: false, hasHealth: true, startTimeout: 30 },
    { id: 'web', dependsOn: [{ service: 'store', condition: 'service_healthy' }], job: false, hasHealth: true, startTimeout: 20 },
  ];
  const input = (body: string, healthy: boolean, web: Record<string, unknown> = {}): DeployInput => ({
    stackName: project,
    manifestText: `name: ${project}\n# ${body}\n`,
    plan,
    files: [
      {
        path: 'compose.yaml',
        content: stringify(
          {
            name: project,
            services: {
              store: delayedHealthyService(image, 0, {
                command: ['sh', '-c', 'test -f /data/created || date > /data/created; touch /tmp/ready; exec sleep 100000'],
                volumes: ['data:/data'],
              }),
              web: { ...webService(image, body, port, healthy), ...web },
            },
            volumes: { data: {} },
          },
          { version: '1.1' },
        ),
      },
      { path: 'STACK.md', content: `# ${body}\n` },
    ],
  });

  beforeAll(async () => {
    image = await ensureTestImage('busybox');
    port = await freePort();
    directory = await mkdtemp(path.join(os.tmpdir(), 'aistack-deploy-'));
    context = await createRuntimeContext(resolveProjectPaths(directory), {
      say: (line) => said.push(line),
      stream: { write: () => true } as unknown as NodeJS.WritableStream,
      tty: false,
    });
  });
  afterAll(async () => {
    context?.close();
    await removeProject(project);
    await rm(directory, { recursive: true, force: true });
  });

  it('records a healthy revision, rolls a failing deploy back so the previous version serves again, and keeps data across down', async () => {
    const first = await deploy(context, input('version-one', true));
    expect([first.revision.id, first.status, first.revision.summary]).toEqual([1, 'healthy', 'first deploy']);
    expect(await fetchText(`http://127.0.0.1:${port}/`)).toBe('version-one');
    expect(context.store.images(1).map((entry) => [entry.service, entry.reference])).toEqual([
      ['store', image],
      ['web', image],
    ]);

    const unchanged = await deploy(context, input('version-one', true));
    expect(unchanged.status).toBe('unchanged');

    const failed = deploy(context, input('version-two', false));
    await expect(failed).rejects.toMatchObject({ code: 'AIS_RUNTIME_ROLLOUT_FAILED' });
    const message = await failed.then(
      () => '',
      (error: unknown) => (error as Error).message,
    );
    expect(message.split('\n').slice(0, 2)).toEqual([
      'revision 2 failed and was rolled back; revision 1 runs again',
      'service web failed: health check failed',
    ]);
    expect(said).toContain('Revision 2 failed (web: health check failed); rolling back to revision 1.');
    expect(context.store.getRevision(2)).toMatchObject({
      result: 'rolled-back',
      summary: '~web (command, healthcheck); files: STACK.md',
      error: 'web: health check failed',
    });
    expect(await fetchText(`http://127.0.0.1:${port}/`)).toBe('version-one');

    // A version compose cannot even create (more CPUs than any host here has): rolled back too,
    // and the error is compose's own.
    const uncreatable = deploy(context, input('version-big', true, { cpus: 512 }));
    await expect(uncreatable).rejects.toMatchObject({ code: 'AIS_DOCKER_COMPOSE_FAILED' });
    expect(
      await uncreatable.then(
        () => '',
        (error: unknown) => (error as Error).message,
      ),
    ).toMatch(/CPU/);
    expect(context.store.getRevision(3)?.result).toBe('rolled-back');
    expect(await fetchText(`http://127.0.0.1:${port}/`)).toBe('version-one');

    // A deploy whose CLI died: revision pending, its pid gone. The next command finishes it.
    const dead = spawnSync(process.execPath, ['-e', '0']).pid;
    const pending = context.store.createRevision({
      kind: 'deploy',
      user: 'someone',
      host: context.host,
      pid: dead,
      manifest: 'name: x\n',
      summary: 'interrupted',
      stackName: project,
      plan: JSON.stringify(plan),
      files: input('version-three', true).files,
      createdAt: new Date().toISOString(),
    });
    await resolveInterrupted(context);
    expect(context.store.getRevision(pending.id)?.result).toBe('healthy');
    expect(said).toContain(`Revision ${pending.id} was interrupted (aistack pid ${dead} is gone); finishing it.`);
    expect(await fetchText(`http://127.0.0.1:${port}/`)).toBe('version-three');

    // By hand: back to the healthy revision before the current one.
    const back = await rollbackTo(context);
    expect([back.revision.kind, back.revision.sourceRevision, back.revision.result]).toEqual(['rollback', 1, 'healthy']);
    expect(await fetchText(`http://127.0.0.1:${port}/`)).toBe('version-one');

    // down keeps the volume and its data; up again finds the same data.
    const created = await context.engine.listContainers(project, 'store');
    const stamp = await exec(created[0]!.id, ['cat', '/data/created']);
    await downStack(context, project, { volumes: false });
    expect(await context.engine.listContainers(project)).toEqual([]);
    expect(await context.engine.listVolumes(project)).toEqual([`${project}_data`]);
    await deploy(context, { ...input('version-one', true) });
    const again = await context.engine.listContainers(project, 'store');
    expect(await exec(again[0]!.id, ['cat', '/data/created'])).toBe(stamp);
  }, 240_000);
});

async function exec(container: string, command: string[]): Promise<string> {
  const result = spawnSync('docker', ['exec', container, ...command], { encoding: 'utf8' });
  return result.stdout.trim();
}
