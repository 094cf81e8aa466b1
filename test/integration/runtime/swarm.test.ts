import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../../src/runtime/engine.js';
import type { ContainerState } from '../../../src/runtime/engine.js';
import { cli, runAistack } from './cli-runner.js';
import type { CliResult } from './cli-runner.js';
import { ensureRuntimeImages } from './runtime-images.js';
import { freePort, uniqueProjectName } from './support.js';

const run = promisify(execFile);
const docker = async (...args: string[]): Promise<string> => (await run('docker', args)).stdout.trim();

/**
 * The swarm target on a real single-node swarm (initialised here when the Engine is not in swarm
 * mode, and left again after): one shared stack of a stateful store and a stateless web service
 * behind the proxy. Dependency order, a start-first update with no failed request, a failing
 * update rolled back by Swarm and by aistack with the data intact, the container lookup by
 * Swarm labels (status, backup), and `down` keeping the volumes.
 */
// Opt-in: `docker swarm init`/`leave` in the middle of the parallel suite disturbed the compose
// tests running beside it (seen in the full run of 2026-12-02), so it runs alone, after the rest:
// AISTACK_SWARM_TEST=1 npx vitest run <this file> (about 65 s at load 4).
const swarmTest = process.env.AISTACK_SWARM_TEST === '1';
const skipReason = !existsSync(cli)
  ? 'dist/ is not built'
  : 'runs alone after the suite (scripts/test.sh sets AISTACK_SWARM_TEST=1): ' +
    'it inits a swarm on this Engine, which changes what compose prints for the other tests';

const enabled = existsSync(cli) && swarmTest;

describe('the swarm target on a single-node swarm', () => {
  const name = uniqueProjectName('ais-swarm3');
  let directory = '';
  let initialised = false;
  let node = '';
  let httpsPort = 0;
  let manifest = (_version: string, _healthy: boolean): string => '';
  const aistack = (args: readonly string[]): Promise<CliResult> => runAistack(directory, args);
  const write = (version: string, healthy = true): Promise<void> =>
    writeFile(path.join(directory, 'aistack.yaml'), manifest(version, healthy));
  /** GET https://web.ai.localhost/ through the proxy, on loopback. */
  const get = (): Promise<{ status: number; body: string }> =>
    new Promise((resolve, reject) => {
      const request = https.request(
        {
          host: '127.0.0.1',
          port: httpsPort,
          path: '/',
          servername: 'web.ai.localhost',
          headers: { host: 'web.ai.localhost' },
          rejectUnauthorized: false,
          timeout: 5000,
          agent: false,
        },
        (response) => {
          let body = '';
          response.on('data', (chunk: Buffer) => (body += chunk.toString()));
          response.on('end', () => resolve({ status: response.statusCode ?? 0, body: body.trim() }));
        },
      );
      request.on('error', reject);
      request.on('timeout', () => request.destroy(new Error('timed out')));
      request.end();
    });

  beforeAll(async () => {
    if (!enabled) return;
    const images = await ensureRuntimeImages();
    if ((await docker('info', '--format', '{{.Swarm.LocalNodeState}}')) !== 'active') {
      await docker('swarm', 'init', '--advertise-addr', '127.0.0.1');
      initialised = true;
    }
    node = await docker('info', '--format', '{{.Swarm.NodeID}}');
    await docker('node', 'update', '--label-add', `${name}.data=true`, node);
    directory = await mkdtemp(path.join(os.tmpdir(), 'aisswm-'));
    httpsPort = await freePort();
    const httpPort = await freePort();
    manifest = (version, healthy) =>
      [
        `name: ${name}`,
        'domain: ai.localhost',
        'images:',
        `  overrides: { proxy: ${images.nginx} }`,
        `proxy: { httpPort: ${httpPort}, httpsPort: ${httpsPort} }`,
        'monitor: { enabled: false }',
        `targets: { swarm: { enabled: true, nodeLabel: ${name}.data, monitorSeconds: 3 } }`,
        'custom:',
        '  store:',
        `    image: ${images.busybox}`,
        `    command: [sh, -c, "trap 'exit 0' TERM; [ -f /data/rows ] || echo first-row > /data/rows; echo store ready; ` +
          `touch /tmp/ready; while true; do sleep 1; done"]`,
        '    health: { command: [test, -f, /tmp/ready] }',
        '    volumes: [{ name: data, target: /data, backup: tar-stopped }]',
        '  web:',
        `    image: ${images.busybox}`,
        healthy
          ? `    command: [sh, -c, "trap 'exit 0' TERM; mkdir -p /www && echo ${version} > /www/index.html && httpd -f -p 8080 -h /www & wait"]`
          : `    command: [sh, -c, "trap 'exit 0' TERM; echo ${version}; while true; do sleep 1; done"]`,
        '    port: 8080',
        // Short checks: a failing update is found (and rolled back) in seconds, not after 30 s + 5 × 10 s.
        '    health: { http: /, interval: 1s, timeout: 2s, retries: 3, startPeriod: 2s }',
        '    ownLogin: true',
        '    route: { subdomain: web }',
        '    replicas: 2',
        '    dependsOn: [store]',
        '',
      ].join('\n');
    await write('one');
  }, 300_000);

  afterAll(async () => {
    if (!enabled) return;
    if (directory) await aistack(['down']).catch(() => undefined);
    await docker('stack', 'rm', name).catch(() => undefined);
    for (let attempt = 0; attempt < 60; attempt += 1) {
      if ((await docker('network', 'ls', '-q', '--filter', `label=com.docker.stack.namespace=${name}`)) === '') break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    // A task's container outlives `stack rm` by a moment, and holds its volume until it is gone.
    for (let attempt = 0; attempt < 60; attempt += 1) {
      const volumes = (await docker('volume', 'ls', '-q', '--filter', `name=${name}_`)).split('\n').filter(Boolean);
      if (volumes.length === 0) break;
      await docker('volume', 'rm', '-f', ...volumes).catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    if (node) await docker('node', 'update', '--label-rm', `${name}.data`, node).catch(() => undefined);
    if (initialised) {
      await docker('swarm', 'leave', '--force').catch(() => undefined);
      // `swarm init` made it; leaving does not remove it.
      await docker('network', 'rm', 'docker_gwbridge').catch(() => undefined);
    }
    if (directory) await rm(directory, { recursive: true, force: true });
  }, 180_000);

  it(
    'deploys in dependency order, updates start-first without a failed request, restarts a service by a forced update, ' +
      'rolls a failing update back and keeps the volumes on down',
    async (context) => {
      context.skip(!enabled, skipReason);
      const began = Date.now();
      const up = await aistack(['up']);
      expect(up.code, up.stderr).toBe(0);
      const deployMs = Date.now() - began;
      expect(up.stderr).toMatch(/Revision 1 \(swarm\): /);
      // nginx re-resolves the service name every second: the first answers may still be its error page.
      const first = Date.now();
      let body = '';
      while (Date.now() - first < 30_000 && body !== 'one') {
        body = await get().then(
          (response) => response.body,
          () => '',
        );
        if (body !== 'one') await new Promise((resolve) => setTimeout(resolve, 500));
      }
      expect(body).toBe('one');
      expect((await run('docker', ['stack', 'config', '-c', 'swarm.yaml'], { cwd: directory })).stdout).toContain('internal: true');

      // Data stores first: the store's task ran before any web task was created.
      const storeTask = JSON.parse(await docker('inspect', (await docker('service', 'ps', '-q', `${name}_store`)).split('\n')[0]!)) as {
        Status: { Timestamp: string };
        CreatedAt: string;
      }[];
      const webTasks = (await docker('service', 'ps', '-q', `${name}_web`)).split('\n').filter(Boolean);
      const webCreated = JSON.parse(await docker('inspect', ...webTasks)) as { CreatedAt: string }[];
      expect(Math.min(...webCreated.map((task) => Date.parse(task.CreatedAt)))).toBeGreaterThan(Date.parse(storeTask[0]!.CreatedAt));

      // The container lookup by Swarm labels: status and backup find the tasks' containers.
      const status = await aistack(['status', '--json']);
      expect(status.code, status.stderr).toBe(0);
      const services = (JSON.parse(status.stdout) as { services: { service: string; running: number; desired: number }[] }).services;
      expect(services.map((service) => [service.service, service.running, service.desired])).toEqual([
        ['proxy', 1, 1],
        ['store', 1, 1],
        ['web', 2, 2],
      ]);
      const engine = createEngine();
      expect((await engine.listContainers(name, 'web')).map((container) => [container.service, container.state])).toEqual([
        ['web', 'running'],
        ['web', 'running'],
      ]);

      // A good update of the stateless service: start-first, every request through the proxy answers.
      const proxyTasksBefore = await docker('service', 'ps', '-q', `${name}_proxy`);
      await write('two');
      const results: number[] = [];
      const failures: string[] = [];
      let updating = true;
      const loop = (async () => {
        while (updating && results.length < 5000) {
          results.push(
            await get().then(
              (response) => {
                if (response.status !== 200)
                  failures.push(`HTTP ${response.status} at ${new Date().toISOString()}: ${response.body.slice(0, 60)}`);
                return response.status;
              },
              (error: unknown) => {
                failures.push(`${(error as Error).message} at ${new Date().toISOString()}`);
                return 0;
              },
            ),
          );
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      })();
      const update = await aistack(['deploy']);
      updating = false;
      await loop;
      expect(update.code, update.stderr).toBe(0);
      // The proxy's spec did not change, so Swarm left its task alone (it used to replace it, stop-first,
      // refusing connections on the published port: two mounts of one config traded places).
      expect(await docker('service', 'ps', '-q', `${name}_proxy`)).toBe(proxyTasksBefore);
      expect((await get()).body).toBe('two');
      const failedRequests = results.filter((code) => code !== 200).length;
      expect(results.length).toBeGreaterThan(10);
      process.stdout.write(
        `swarm good update: ${failedRequests} of ${results.length} requests failed${failures.length > 0 ? `:\n  ${failures.join('\n  ')}` : ''}\n`,
      );
      expect(failures).toEqual([]);
      expect(failedRequests).toBe(0);

      // `aistack restart web` on Swarm: a forced update, new tasks by the update order, healthy again.
      const webBefore = (await engine.listContainers(name, 'web')).map((container) => container.id).sort();
      const restarted = await aistack(['restart', 'web']);
      expect(restarted.code, restarted.stderr).toBe(0);
      expect(restarted.stdout + restarted.stderr).toMatch(/web restarted: healthy after \d+\.\ds/);
      const webAfter = (await engine.listContainers(name, 'web')).filter((container) => container.state === 'running');
      expect(webAfter).toHaveLength(2);
      expect(webAfter.filter((container) => webBefore.includes(container.id))).toEqual([]);
      expect((await get()).body).toBe('two');

      // Backup and restore on Swarm: for its tar-stopped volume the store is scaled to 0 (a stopped
      // task would only be replaced by a new one, running on the volume being replaced) and back.
      const runningStore = async (): Promise<ContainerState[]> =>
        (await engine.listContainers(name, 'store')).filter((container) => container.state === 'running');
      const backedUp = await aistack(['backup', 'store']);
      expect(backedUp.code, backedUp.stderr).toBe(0);
      const archive = /^(\S+)\s/.exec(backedUp.stdout)?.[1];
      expect(archive).toBeDefined();
      expect(await runningStore()).toHaveLength(1);
      await docker('exec', (await runningStore())[0]!.id, 'sh', '-c', 'echo overwritten > /data/rows');
      const restored = await aistack(['restore', archive!, 'store', '--yes']);
      expect(restored.code, restored.stderr).toBe(0);
      const restoredStore = await runningStore();
      expect(restoredStore).toHaveLength(1);
      expect(await docker('exec', restoredStore[0]!.id, 'cat', '/data/rows')).toBe('first-row');
      expect(await docker('service', 'inspect', '--format', '{{.Spec.Mode.Replicated.Replicas}}', `${name}_store`)).toBe('1');

      // A failing update: Swarm rolls the service back on its own, aistack records it and says why.
      await write('three', false);
      const failingAt = Date.now();
      const failing = await aistack(['deploy']);
      const rollbackMs = Date.now() - failingAt;
      expect(failing.code).toBe(1);
      expect(failing.stderr).toContain('error: AIS_RUNTIME_ROLLOUT_FAILED revision 3 failed and was rolled back; revision 2 runs again');
      expect(failing.stderr).toContain('service web failed: Swarm rolled the update back (');
      expect(rollbackMs).toBeLessThan(60_000);
      expect((await get()).body).toBe('two');
      const store = (await runningStore())[0]!;
      expect(await docker('exec', store.id, 'cat', '/data/rows')).toBe('first-row');
      const history = JSON.parse((await aistack(['history', '--json'])).stdout) as { id: number; result: string }[];
      expect(history.map((revision) => [revision.id, revision.result])).toEqual([
        [3, 'rolled-back'],
        [2, 'healthy'],
        [1, 'healthy'],
      ]);

      // `aistack rollback 1` on Swarm: revision 1's files deployed again, healthy, recorded.
      const back = await aistack(['rollback', '1']);
      expect(back.code, back.stderr).toBe(0);
      expect(back.stdout + back.stderr).toContain('Rolled back on the swarm: revision 4 (= revision 1) is healthy.');
      let served = '';
      for (let attempt = 0; attempt < 60 && served !== 'one'; attempt += 1) {
        served = await get().then(
          (response) => response.body,
          () => '',
        );
        if (served !== 'one') await new Promise((resolve) => setTimeout(resolve, 500));
      }
      expect(served).toBe('one');
      // `aistack logs` finds the tasks' containers by their Swarm labels.
      const logs = await aistack(['logs', 'store', '--tail', '20']);
      expect(logs.code, logs.stderr).toBe(0);
      expect(logs.stdout).toContain('store ready');

      // down removes services, networks, secrets and configs; the volume stays.
      const down = await aistack(['down']);
      expect(down.code, down.stderr).toBe(0);
      expect(await docker('service', 'ls', '-q', '--filter', `label=com.docker.stack.namespace=${name}`)).toBe('');
      expect(await docker('volume', 'ls', '-q', '--filter', `name=${name}_store-data`)).toBe(`${name}_store-data`);
      process.stderr.write(
        `swarm bench: deploy ${(deployMs / 1000).toFixed(1)}s, good update ${results.length} requests ${failedRequests} failed, ` +
          `failing update rolled back in ${(rollbackMs / 1000).toFixed(1)}s\n`,
      );
    },
    420_000,
  );
});
