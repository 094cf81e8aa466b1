import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveProjectPaths } from '../../../src/project/paths.js';
import { restartServices } from '../../../src/runtime/restart-services.js';
import type { RuntimeContext } from '../../../src/runtime/runtime-context.js';
import { createRuntimeContext } from '../../../src/runtime/runtime-context.js';
import { OWNER_LABEL, readStackOwner } from '../../../src/runtime/stack-owner.js';
import { ensureTestImage } from '../../support/images.js';
import { removeProject, uniqueProjectName } from './support.js';

/** `aistack restart` waits for health like a rollout, and reports a failure like one: with the service's last 20 log lines. */
const run = promisify(execFile);
const project = uniqueProjectName('aisnew-restart');
let directory: string | undefined;
let context: RuntimeContext | undefined;

afterAll(async () => {
  context?.close();
  await removeProject(project);
  if (directory) await rm(directory, { recursive: true, force: true });
});

describe('restart', () => {
  it('names the service that did not turn healthy again within its timeout, with its last 20 log lines', async () => {
    const busybox = await ensureTestImage('busybox');
    directory = await mkdtemp(path.join(os.tmpdir(), 'aistack-restart-'));
    const paths = resolveProjectPaths(directory);
    context = await createRuntimeContext(paths, { say: () => undefined });
    // Healthy on its first run; after a restart it logs 25 lines and never turns healthy.
    const script = [
      'if [ -f /tmp/started ]; then rm -f /tmp/ready; for i in $(seq 1 25); do echo "second run line $i"; done; exec sleep 100000; fi',
      'touch /tmp/started /tmp/ready; echo first run; exec sleep 100000',
    ].join('\n');
    await run('docker', [
      'run',
      '-d',
      '--label',
      `com.docker.compose.project=${project}`,
      '--label',
      'com.docker.compose.service=app',
      // Labelled as `up` labels what it makes: this folder's stack.
      '--label',
      `${OWNER_LABEL}=${(await readStackOwner(paths)).id}`,
      '--health-cmd',
      'test -f /tmp/ready',
      '--health-interval',
      '1s',
      '--health-retries',
      '30',
      '--stop-timeout',
      '1',
      busybox,
      'sh',
      '-c',
      script,
    ]);
    const { engine } = context;
    for (let attempt = 0; attempt < 60; attempt += 1) {
      const [container] = await engine.listContainers(project, 'app');
      if (container?.health === 'healthy') break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const plan = [{ id: 'app', dependsOn: [], job: false, hasHealth: true, startTimeout: 4 }];
    const error = await restartServices(context, project, plan, ['app']).then(
      () => undefined,
      (thrown: unknown) => thrown as Error & { code: string },
    );
    expect(error?.code).toBe('AIS_RUNTIME_START_TIMEOUT');
    const lines = error!.message.split('\n');
    expect(lines[0]).toMatch(/^app did not come back after the restart: not healthy after 4s/);
    expect(lines.slice(1)).toEqual([
      'last 20 log lines of app:',
      ...Array.from({ length: 20 }, (_, index) => `  | second run line ${index + 6}`),
    ]);
  }, 120_000);
});
