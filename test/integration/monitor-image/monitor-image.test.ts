import { execFile } from 'node:child_process';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { loadProject } from '../../../src/project/load.js';
import { ensureSecrets } from '../../../src/secrets/ensure.js';
import { mountedSecretsDirectory } from '../../../src/secrets/mounted.js';
import { ensureTestImage } from '../../support/images.js';

/**
 * The Dockerfile builds aistack's own image (the in-stack monitor) offline (`--network none`), here
 * on a stand-in for node:20-bookworm-slim; the container runs `serve` as the node user, answers its health check
 * and refuses anonymous API requests.
 */
const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../../..');
const tag = `aistack-test/aistack:${process.pid}`;
const container = `aistack-monitor-image-${process.pid}`;
const workspace = await mkdtemp(path.join(os.tmpdir(), 'aistack-monitor-image-'));

afterAll(async () => {
  await run('docker', ['rm', '-f', '-v', container]).catch(() => undefined);
  await run('docker', ['rmi', '-f', tag]).catch(() => undefined);
  await rm(workspace, { recursive: true, force: true });
});

async function inContainer(script: string): Promise<string> {
  const { stdout } = await run('docker', ['exec', container, 'node', '-e', script]);
  return stdout.trim();
}

describe('the aistack image', () => {
  it('builds from the Dockerfile and serves the monitor as a non-root user', async () => {
    const base = await ensureTestImage('node');
    // Offline, as docs/runtime.md promises: no network during the build, only the local base image.
    await run('docker', ['build', '--quiet', '--network', 'none', '--build-arg', `NODE_IMAGE=${base}`, '--tag', tag, root], {
      maxBuffer: 16 * 1024 * 1024,
    });

    await writeFile(path.join(workspace, 'aistack.yaml'), 'name: imagetest\ndomain: ai.example.com\nservices:\n  qdrant: {}\n');
    const project = await loadProject(workspace);
    await ensureSecrets(project.paths.secrets, project.stack.secrets);
    const monitor = project.stack.services.find((service) => service.id === 'monitor')!;
    // As compose mounts it: the service's own directory of secret copies is its /run/secrets.
    const mounts = ['-v', `${mountedSecretsDirectory(project.paths.secrets, 'monitor')}:/run/secrets:ro`];
    const environment = Object.entries(monitor.environment).flatMap(([key, value]) => ['-e', `${key}=${value}`]);
    for (const secret of monitor.secretEnvironment) environment.push('-e', `${secret.fileVariable}=/run/secrets/${secret.secret}`);
    await mkdir(path.join(workspace, 'data'));
    await chmod(workspace, 0o755);
    await run('docker', [
      'run',
      '-d',
      '--name',
      container,
      ...environment,
      ...mounts,
      '-v',
      `${path.join(workspace, 'aistack.yaml')}:/project/aistack.yaml:ro`,
      tag,
      ...(monitor.command ?? []),
    ]);

    let live = '';
    for (let attempt = 0; attempt < 60 && live !== '200'; attempt += 1) {
      live = await inContainer("fetch('http://127.0.0.1:8090/livez').then((r) => console.log(r.status), () => console.log('down'))").catch(
        () => 'down',
      );
      if (live !== '200') await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const logs = await run('docker', ['logs', container]).then((result) => result.stdout + result.stderr);
    expect(live, logs).toBe('200');
    // The catalog's health check is what compose runs: it must pass in this image.
    await run('docker', ['exec', container, ...monitor.health!.test.slice(1)]);
    expect(await inContainer("fetch('http://127.0.0.1:8090/api/overview').then((r) => console.log(r.status))")).toBe('401');
    expect((await run('docker', ['exec', container, 'id', '-u'])).stdout.trim()).toBe('1000');
  }, 600_000);
});
