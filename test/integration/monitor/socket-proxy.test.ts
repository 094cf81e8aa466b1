import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { followContainerEvents } from '../../../src/monitor/container-events.js';
import type { ContainerEvent } from '../../../src/monitor/container-events.js';
import { createLogSource } from '../../../src/monitor/log-source.js';
import { probeContainer } from '../../../src/monitor/probes/container-probe.js';
import { createResourcePoller } from '../../../src/monitor/resource-poller.js';
import { loadProject } from '../../../src/project/load.js';
import { renderProjectFiles } from '../../../src/project/render-project.js';
import { writeRenderedFiles } from '../../../src/project/write-files.js';
import { waitUntil } from '../../monitor/support/http.js';
import { ensureRuntimeImages } from '../runtime/runtime-images.js';
import { removeProject } from '../runtime/support.js';

/**
 * The rendered Docker socket proxy (nginx with the allowlist, the proxy's image; here the Debian
 * nginx stand-in) brought up by docker-compose from the rendered compose.yaml: only the monitor's
 * network reaches it, and through it only the monitor's read-only calls pass.
 */
const run = promisify(execFile);
const project = `aismon-sp-${randomBytes(3).toString('hex')}`;
let directory: string;
let proxyIp: string;
let victim: string;
let images: Awaited<ReturnType<typeof ensureRuntimeImages>>;
let client: Docker;

async function compose(...args: string[]): Promise<string> {
  const { stdout } = await run('docker-compose', ['--project-directory', directory, '-f', path.join(directory, 'compose.yaml'), ...args], {
    cwd: directory,
    timeout: 120_000,
  });
  return stdout;
}

/** One raw HTTP/1.1 request (no client normalises the path), the status line's code. */
function rawStatus(target: string, method = 'GET'): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(2375, proxyIp, () =>
      socket.write(`${method} ${target} HTTP/1.1\r\nHost: docker\r\nConnection: close\r\n\r\n`),
    );
    let answer = '';
    socket.setTimeout(5000, () => socket.destroy(new Error('timed out')));
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
    socket.on('end', () => resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0)));
    socket.on('error', reject);
  });
}

/** Run busybox on a network of the stack and try to reach the socket proxy by name and by address. */
async function reachFrom(network: string): Promise<string> {
  const script = [
    // BusyBox's own timeout: its wget -T crashes in this static build.
    `timeout 5 wget -q -O - http://docker-socket-proxy:2375/_ping 2>/dev/null && echo " by-name-open" || echo by-name-closed`,
    `timeout 5 wget -q -O - http://${proxyIp}:2375/_ping 2>/dev/null && echo " by-address-open" || echo by-address-closed`,
  ].join('; ');
  const { stdout } = await run(
    'docker',
    ['run', '--rm', '--label', `com.docker.compose.project=${project}-probe`, '--network', network, images.busybox, 'sh', '-c', script],
    {
      timeout: 60_000,
    },
  );
  return stdout.trim().split(/\s+/).join(' ');
}

beforeAll(async () => {
  images = await ensureRuntimeImages();
  directory = await mkdtemp(path.join(os.tmpdir(), 'aistack-socket-proxy-'));
  await writeFile(
    path.join(directory, 'aistack.yaml'),
    [
      `name: ${project}`,
      'domain: ai.example.test',
      'services:',
      '  qdrant: {}',
      'images:',
      '  overrides:',
      `    docker-socket-proxy: ${images.nginx}`,
      '',
    ].join('\n'),
  );
  const loaded = await loadProject(directory);
  await writeRenderedFiles(directory, renderProjectFiles(loaded));
  // The socket proxy alone, as compose creates it: its mounts, its health check, and every network of the stack.
  await compose('up', '-d', 'docker-socket-proxy');
  const id = (await compose('ps', '-q', 'docker-socket-proxy')).trim();
  const deadline = Date.now() + 60_000;
  for (;;) {
    const health = (await run('docker', ['inspect', '-f', '{{.State.Health.Status}}', id])).stdout.trim();
    if (health === 'healthy') break;
    if (Date.now() > deadline) throw new Error(`the socket proxy did not become healthy: ${(await run('docker', ['logs', id])).stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  proxyIp = (
    await run('docker', ['inspect', '-f', `{{(index .NetworkSettings.Networks "${project}_docker-api").IPAddress}}`, id])
  ).stdout.trim();
  // A container of the stack with a secret file, the target of the archive attack.
  victim = `${project}-n8n-1`;
  await run('docker', [
    'run',
    '-d',
    '--name',
    victim,
    '--label',
    `com.docker.compose.project=${project}`,
    '--label',
    'com.docker.compose.service=n8n',
    '--network',
    `${project}_internal`,
    images.busybox,
    'sh',
    '-c',
    'mkdir -p /run/secrets && echo s3cret > /run/secrets/postgres-password && echo n8n started && exec sleep 100000',
  ]);
  // The monitor's client: dockerode pointed at the proxy (DOCKER_HOST=tcp://docker-socket-proxy:2375 in the stack).
  client = new Docker({ host: proxyIp, port: 2375 });
}, 600_000);

afterAll(async () => {
  if (directory) {
    await compose('down', '-v', '--remove-orphans').catch(() => undefined);
    await removeProject(`${project}-probe`).catch(() => undefined);
    await removeProject(project).catch(() => undefined);
    await rm(directory, { recursive: true, force: true });
  }
}, 120_000);

describe('the rendered Docker socket proxy', () => {
  it('is reachable from the docker-api network only: not by name or address from the internal or edge network', async () => {
    expect(await reachFrom(`${project}_internal`)).toBe('by-name-closed by-address-closed');
    expect(await reachFrom(`${project}_edge`)).toBe('by-name-closed by-address-closed');
    expect(await reachFrom(`${project}_docker-api`)).toBe('OK by-name-open OK by-address-open');
  }, 120_000);

  it('serves every call the monitor makes: ping, version, list, inspect, one-shot stats, logs and events', async () => {
    expect(String(await client.ping())).toBe('OK');
    expect((await client.version()).ApiVersion).toMatch(/^1\.\d+$/);
    const poller = createResourcePoller({ docker: client, project, now: Date.now });
    const reading = await poller.poll();
    expect(reading.containers.map((container) => [container.service, container.state])).toEqual([
      ['docker-socket-proxy', 'running'],
      ['n8n', 'running'],
    ]);
    expect(reading.containers.find((container) => container.service === 'n8n')!.memoryBytes).toBeGreaterThan(0);
    expect(await probeContainer({ type: 'container', project, service: 'n8n' }, { docker: client } as never)).toMatchObject({
      ok: true,
      message: 'running',
    });
    const logs = await createLogSource(client, project, Date.now).query({ services: ['n8n'] });
    expect(logs.map((line) => line.text)).toEqual(['n8n started']);

    const events: ContainerEvent[] = [];
    const follower = followContainerEvents({ docker: client, project, onEvent: (event) => events.push(event) });
    follower.start();
    try {
      await waitUntil(() => follower.connected(), Boolean, 10_000, 'event stream through the proxy');
      await run('docker', ['kill', victim]);
      await waitUntil(
        () => events.map((event) => event.action),
        (actions) => actions.includes('die'),
        10_000,
        'die event',
      );
      expect(events.find((event) => event.action === 'die')).toMatchObject({ service: 'n8n', exitCode: 137 });
    } finally {
      follower.stop();
      await run('docker', ['start', victim]);
    }
  }, 60_000);

  it('refuses archive, export, exec, attach, every other section and every other method with 403', async () => {
    const container = client.getContainer(victim);
    const refused = async (work: () => Promise<unknown>): Promise<number | undefined> =>
      work().then(
        () => undefined,
        (error: unknown) => (error as { statusCode?: number }).statusCode,
      );
    expect(await refused(() => container.getArchive({ path: '/run/secrets/postgres-password' }))).toBe(403);
    expect(await refused(() => container.infoArchive({ path: '/run/secrets' }))).toBe(403);
    expect(await refused(() => container.export())).toBe(403);
    expect(await refused(() => container.exec({ Cmd: ['cat', '/run/secrets/postgres-password'], AttachStdout: true }))).toBe(403);
    expect(await refused(() => container.attach({ stream: true, stdout: true }))).toBe(403);
    expect(await refused(() => container.kill())).toBe(403);
    expect(await refused(() => container.remove({ force: true }))).toBe(403);
    expect(await refused(() => client.createContainer({ Image: images.busybox }))).toBe(403);
    expect(await refused(() => client.info())).toBe(403);
    expect(await refused(() => client.listImages())).toBe(403);
    expect(await refused(() => client.listVolumes())).toBe(403);
    expect(await refused(() => client.listNetworks())).toBe(403);
    // Paths that a normalising matcher would read as an allowed one.
    for (const target of [
      `/containers/${victim}/json/../archive?path=/run/secrets`,
      `/containers/${victim}%2Farchive?path=/run/secrets`,
      `/containers/${victim}/%6Aso%6E/../export`,
      `//containers/${victim}/archive?path=/`,
      `/v1.41/containers/${victim}/./archive?path=/`,
    ])
      expect(await rawStatus(target), target).toBe(403);
    expect(await rawStatus(`/containers/${victim}/json`, 'DELETE')).toBe(403);
    expect(await rawStatus(`/containers/${victim}/json`)).toBe(200);
    // The secret never came out, and the container is untouched.
    const { stdout } = await run('docker', ['exec', victim, 'cat', '/run/secrets/postgres-password']);
    expect(stdout.trim()).toBe('s3cret');
  }, 60_000);
});
