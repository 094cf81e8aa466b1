import { execFile, spawn } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureComposeV2 } from '../../support/compose-v2.js';
import { ensureRuntimeImages } from './runtime-images.js';
import { fetchText, freePort, removeProject, uniqueProjectName } from './support.js';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../../..');
const cli = path.join(root, 'dist/cli/main.js');

interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Which compose the CLI finds: Debian's docker-compose 1.29, or the Compose v2 plugin through DOCKER_CONFIG. */
export const COMPOSES = {
  v1: { label: 'docker-compose 1.29', major: '1', dockerConfig: async (): Promise<string | undefined> => undefined },
  v2: { label: 'Docker Compose v2', major: '2', dockerConfig: ensureComposeV2 },
} as const;
type Compose = (typeof COMPOSES)[keyof typeof COMPOSES];
function aistack(directory: string, args: readonly string[], environment: NodeJS.ProcessEnv, timeoutMs = 240_000): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, '-C', directory, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...environment, NO_COLOR: '1' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? 137, stdout, stderr });
    });
  });
}

/**
 * The whole life of one stack through the built CLI, with one compose. One test file per compose
 * (cli-compose-v1.test.ts, cli-compose-v2.test.ts), so the two run side by side.
 */
export function describeCliLifecycle(compose: Compose): void {
  describe(`aistack up, status, logs, deploy, rollback and down on Docker (built CLI, ${compose.label})`, () => {
    const name = uniqueProjectName('aisit').replace(/-/g, '_');
    let directory = '';
    let webPort = 0;
    let httpsPort = 0;
    let manifest = (_version: 'one' | 'broken' | 'three'): string => '';
    let environment: NodeJS.ProcessEnv = process.env;
    const runCli = (target: string, args: readonly string[], timeoutMs?: number): Promise<CliResult> =>
      aistack(target, args, environment, timeoutMs);

    beforeAll(async () => {
      const dockerConfig = await compose.dockerConfig();
      environment = dockerConfig === undefined ? process.env : { ...process.env, DOCKER_CONFIG: dockerConfig };
      const images = await ensureRuntimeImages();
      directory = await mkdtemp(path.join(os.tmpdir(), 'aistack-cli-'));
      webPort = await freePort();
      const httpPort = await freePort();
      httpsPort = await freePort();
      manifest = (version) =>
        [
          `name: ${name}`,
          'domain: ai.localhost',
          'services:',
          '  postgres:',
          `    image: ${images.postgres}`,
          '  redis:',
          `    image: ${images.redis}`,
          'images:',
          '  overrides:',
          `    proxy: ${images.nginx}`,
          `proxy: { httpPort: ${httpPort}, httpsPort: ${httpsPort}, bind: 127.0.0.1 }`,
          'monitor: { enabled: false }',
          'custom:',
          '  migrate:',
          `    image: ${images.busybox}`,
          '    job: true',
          '    command: [sh, -c, "echo migrating; sleep 1; echo migrated"]',
          '    dependsOn: [postgres]',
          '  app:',
          `    image: ${images.busybox}`,
          `    command: [sh, -c, "echo app ${version} starting; echo error: something to grep; touch /tmp/ready; exec sleep 100000"]`,
          '    health: { command: [test, -f, /tmp/ready] }',
          '    dependsOn: [postgres, redis, migrate]',
          '  web:',
          ...(version === 'broken'
            ? [
                `    image: ${images.busybox}`,
                '    command: [sh, -c, "mkdir -p /www && echo broken > /www/index.html && exec httpd -f -p 8080 -h /www"]',
                '    health: { command: ["false"] }',
                '    startTimeout: 15',
              ]
            : [`    image: ${images.nginx}`, '    health: { http: / }']),
          '    port: 8080',
          // A route puts it on the edge network too: ports are not published from internal-only networks.
          '    route: { subdomain: web }',
          `    directPort: ${webPort}`,
          '    dependsOn: [app]',
          '',
        ].join('\n');
      await writeFile(path.join(directory, 'aistack.yaml'), manifest('one'));
    });

    afterAll(async () => {
      if (directory) await runCli(directory, ['down', '--volumes', '--yes'], 120_000).catch(() => undefined);
      await removeProject(name);
      if (directory) await rm(directory, { recursive: true, force: true });
    });

    it(
      'goes up healthy in dependency order, shows the truth in status and logs, rolls back a failing deploy, survives a ' +
        'killed deploy, and keeps data across down',
      async () => {
        const up = await runCli(directory, ['up']);
        expect(up.stderr).not.toMatch(/^error:/m);
        expect(up.code).toBe(0);
        expect(up.stdout).toContain(`Stack ${name} is up (revision 1).`);
        // The compose this run means to test is the one that made the containers.
        const { stdout: versions } = await run('docker', [
          'ps',
          '-a',
          '--filter',
          `label=com.docker.compose.project=${name}`,
          '--format',
          '{{.Label "com.docker.compose.version"}}',
        ]);
        expect(
          new Set(
            versions
              .trim()
              .split('\n')
              .map((version) => version.split('.')[0]),
          ),
        ).toEqual(new Set([compose.major]));

        // Order, from what Docker recorded.
        const started = await startTimes(name);
        const finished = await finishTimes(name);
        expect(started.app!).toBeGreaterThan(started.postgres!);
        expect(started.app!).toBeGreaterThan(started.redis!);
        expect(started.migrate!).toBeGreaterThan(started.postgres!);
        expect(started.app!).toBeGreaterThanOrEqual(finished.migrate!);
        expect(started.web!).toBeGreaterThan(started.app!);

        const status = JSON.parse((await runCli(directory, ['status', '--json'])).stdout) as {
          revision: number;
          services: { service: string; state: string; health: string }[];
        };
        expect(status.revision).toBe(1);
        const byService = Object.fromEntries(status.services.map((row) => [row.service, [row.state, row.health]]));
        expect(byService).toMatchObject({
          app: ['running', 'healthy'],
          migrate: ['completed', '-'],
          postgres: ['running', 'healthy'],
          redis: ['running', 'healthy'],
          web: ['running', 'healthy'],
        });
        expect((await runCli(directory, ['status'])).stdout).toMatch(/^migrate\s+completed\s+-/m);

        const logs = await runCli(directory, ['logs', 'migrate', 'app']);
        expect(logs.stdout.split('\n').filter((line) => /^(migrate|app)/.test(line))).toEqual([
          'migrate | migrating',
          'migrate | migrated',
          'app     | app one starting',
          'app     | error: something to grep',
        ]);
        expect((await runCli(directory, ['logs', 'app', 'migrate', '--grep', 'ERROR'])).stdout).toBe(
          'app     | error: something to grep\n',
        );
        expect(await fetchText(`http://127.0.0.1:${webPort}/`)).toBe('nginx ok');

        // `up` issuing a new leaf certificate (here: its files were deleted) reloads the running
        // proxy, which serves the new one at once (issue 11.2: not only `tls renew` does).
        if (compose.major === '1') {
          const live = path.join(directory, '.aistack/tls/live');
          const before = await servedFingerprint(httpsPort, 'web.ai.localhost');
          expect(before).toBe(new X509Certificate(await readFile(path.join(live, 'fullchain.pem'))).fingerprint256);
          await rm(path.join(live, 'fullchain.pem'));
          await rm(path.join(live, 'privkey.pem'));
          const renewed = await runCli(directory, ['up']);
          expect(renewed.code).toBe(0);
          expect(renewed.stdout).toContain(`Stack ${name} is up (revision 1).`);
          expect(renewed.stderr).toContain(`New certificate: proxy reloaded (nginx -t passed): ${name}_proxy_1 serves it.`);
          const after = new X509Certificate(await readFile(path.join(live, 'fullchain.pem'))).fingerprint256;
          expect(after).not.toBe(before);
          expect(await servedFingerprint(httpsPort, 'web.ai.localhost')).toBe(after);
        }

        // restart waits for health again, without waiting out postgres's 10 s check interval.
        const startedBefore = (await startTimes(name)).postgres!;
        const restarted = await runCli(directory, ['restart', 'postgres']);
        expect(restarted.code).toBe(0);
        const seconds = Number(/^postgres restarted: healthy after ([\d.]+)s$/m.exec(restarted.stdout)?.[1]);
        // Less than one interval of postgres's health check (10 s): it did not wait one out.
        expect(seconds).toBeLessThan(10);
        expect((await startTimes(name)).postgres!).toBeGreaterThan(startedBefore);
        expect((await runCli(directory, ['restart', 'ghost'])).stderr).toContain('AIS_RUNTIME_NO_CONTAINER no container for ghost');

        // A deploy whose web never turns healthy is rolled back; the old web serves again.
        await writeFile(path.join(directory, 'aistack.yaml'), manifest('broken'));
        const broken = await runCli(directory, ['deploy']);
        expect(broken.code).toBe(1);
        expect(broken.stderr).toContain(
          'error: AIS_RUNTIME_ROLLOUT_FAILED revision 2 failed and was rolled back; revision 1 runs again\nservice web ' +
            'failed: not healthy after 15s (starting)',
        );
        expect(broken.stderr).toContain('Revision 2 failed (web: not healthy after 15s (starting)); rolling back to revision 1.');
        expect(await fetchText(`http://127.0.0.1:${webPort}/`)).toBe('nginx ok');

        // Kill the CLI in the middle of a deploy; the next `up` finishes the job.
        await writeFile(path.join(directory, 'aistack.yaml'), manifest('three'));
        const child = spawn(process.execPath, [cli, '-C', directory, 'deploy'], { stdio: ['ignore', 'pipe', 'pipe'], env: environment });
        let progress = '';
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, 120_000);
          child.stderr.on('data', (chunk: Buffer) => {
            progress += chunk.toString();
            if (/… app\s+starting/.test(progress)) {
              clearTimeout(timer);
              resolve();
            }
          });
        });
        child.kill('SIGKILL');
        await new Promise((resolve) => child.on('close', resolve));
        expect(progress).toContain('Revision 3: ~app (command)');
        const again = await runCli(directory, ['up']);
        expect(again.code).toBe(0);
        expect(again.stderr).toContain(`Revision 3 was interrupted (aistack pid ${child.pid} is gone); finishing it.`);
        const history = JSON.parse((await runCli(directory, ['history', '--json'])).stdout) as { id: number; result: string }[];
        expect(history.map((revision) => [revision.id, revision.result])).toEqual([
          [3, 'healthy'],
          [2, 'rolled-back'],
          [1, 'healthy'],
        ]);
        expect((await runCli(directory, ['logs', 'app', '--tail', '1'])).stdout).toBe('app | error: something to grep\n');

        // down keeps the data: a row written before is there after `up`.
        await psql(name, "CREATE TABLE kept (note text); INSERT INTO kept VALUES ('still here');");
        const down = await runCli(directory, ['down']);
        expect(down.code).toBe(0);
        expect(await containerCount(name)).toBe(0);
        const volumes = (await run('docker', ['volume', 'ls', '-q', '--filter', `label=com.docker.compose.project=${name}`])).stdout
          .trim()
          .split('\n');
        expect(volumes).toContain(`${name}_postgres-data`);
        const refused = await runCli(directory, ['down', '--volumes']);
        expect(refused.code).toBe(1);
        expect(refused.stderr).toContain(
          `error: AIS_RUNTIME_CONFIRM_REQUIRED --volumes deletes these volumes and the data in them:\n  ${name}_postgres-data`,
        );
        const back = await runCli(directory, ['up']);
        expect(back.code).toBe(0);
        expect(await psql(name, 'SELECT note FROM kept;')).toBe('still here');
      },
      600_000,
    );
  });
}

/** The SHA-256 fingerprint of the certificate served on 127.0.0.1:port for a name (SNI). */
function servedFingerprint(port: number, servername: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = tls.connect({ host: '127.0.0.1', port, servername, rejectUnauthorized: false }, () => {
      const fingerprint = socket.getPeerX509Certificate()?.fingerprint256 ?? '';
      socket.end();
      resolve(fingerprint);
    });
    socket.setTimeout(10_000, () => socket.destroy(new Error('TLS handshake timed out')));
    socket.on('error', reject);
  });
}

async function containersOf(project: string): Promise<{ service: string; started: number; finished: number; id: string }[]> {
  const ids = (await run('docker', ['ps', '-aq', '--filter', `label=com.docker.compose.project=${project}`])).stdout
    .split('\n')
    .filter(Boolean);
  if (ids.length === 0) return [];
  const { stdout } = await run('docker', [
    'inspect',
    '--format',
    '{{index .Config.Labels "com.docker.compose.service"}} {{.State.StartedAt}} {{.State.FinishedAt}} {{.Id}}',
    ...ids,
  ]);
  return stdout
    .trim()
    .split('\n')
    .map((line) => {
      const [service, started, finished, id] = line.split(' ');
      return { service: service!, started: Date.parse(started!), finished: Date.parse(finished!), id: id! };
    });
}

async function startTimes(project: string): Promise<Record<string, number>> {
  return Object.fromEntries((await containersOf(project)).map((container) => [container.service, container.started]));
}

async function finishTimes(project: string): Promise<Record<string, number>> {
  return Object.fromEntries((await containersOf(project)).map((container) => [container.service, container.finished]));
}

async function containerCount(project: string): Promise<number> {
  return (await containersOf(project)).length;
}

async function psql(project: string, sql: string): Promise<string> {
  const postgres = (await containersOf(project)).find((container) => container.service === 'postgres');
  if (!postgres) throw new Error('no postgres container');
  const { stdout } = await run('docker', ['exec', '-u', 'postgres', postgres.id, 'psql', '-U', 'postgres', '-d', 'postgres', '-tAc', sql]);
  return stdout.trim();
}
