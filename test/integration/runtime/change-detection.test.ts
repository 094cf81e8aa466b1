import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectContainers, runAistack } from './cli-runner.js';
import type { CliResult } from './cli-runner.js';
import { ensureMonitorStandIns } from './monitor-stand-ins.js';
import { ensureRuntimeImages } from './runtime-images.js';
import { freePort, removeProject, uniqueProjectName } from './support.js';

const run = promisify(execFile);

interface Settings {
  readonly notifierUrl: string;
  readonly uploadMaxMb: number;
  readonly appDatabase: boolean;
}

/**
 * A deploy used to compare only the rendered compose service definitions: a setting that reaches a
 * service through a file it mounts (the monitor's aistack.yaml, the proxy's nginx config,
 * PostgreSQL's init scripts) said "No changes" or changed the file under a process that had read
 * it already. Each kind, changed alone, now makes a revision that recreates exactly the service
 * that reads it (or runs the init scripts again), and the change takes effect.
 */
describe('deploy sees every change (docker-compose 1.29)', () => {
  const name = uniqueProjectName('aisops-change');
  let directory = '';
  let httpsPort = 0;
  let write = async (_settings: Settings): Promise<void> => undefined;
  const aistack = (args: readonly string[]): Promise<CliResult> => runAistack(directory, args);

  beforeAll(async () => {
    const [images, standIns] = await Promise.all([ensureRuntimeImages(), ensureMonitorStandIns()]);
    directory = await mkdtemp(path.join(os.tmpdir(), 'aisops-change-'));
    const httpPort = await freePort();
    httpsPort = await freePort();
    write = (settings) =>
      writeFile(
        path.join(directory, 'aistack.yaml'),
        [
          `name: ${name}`,
          'domain: ai.localhost',
          'services:',
          `  postgres: { image: ${images.postgres} }`,
          'images:',
          '  overrides:',
          `    proxy: ${images.nginx}`,
          `    monitor: ${standIns.monitor}`,
          // The allowlisting socket proxy is nginx with its rendered config: the runtime nginx image runs it.
          `    docker-socket-proxy: ${images.nginx}`,
          `proxy: { httpPort: ${httpPort}, httpsPort: ${httpsPort}, bind: 127.0.0.1 }`,
          // The socket proxy stand-in is not the image the rule knows to be read-only.
          'check: { disable: [{ rule: security/docker-socket, reason: a test stand-in } ] }',
          'monitor:',
          '  notifiers:',
          `    - { type: webhook, name: ops, url: "${settings.notifierUrl}" }`,
          'custom:',
          '  web:',
          `    image: ${images.busybox}`,
          `    command: [sh, -c, "trap 'exit 0' TERM; mkdir -p /www && echo web > /www/index.html && httpd -f -p 8080 -h /www & wait"]`,
          '    port: 8080',
          '    health: { http: / }',
          '    ownLogin: true',
          `    route: { subdomain: web, uploadMaxMb: ${settings.uploadMaxMb} }`,
          '  app:',
          `    image: ${images.busybox}`,
          `    command: [sh, -c, "trap 'exit 0' TERM; touch /tmp/ready; while true; do sleep 1; done"]`,
          '    health: { command: [test, -f, /tmp/ready] }',
          ...(settings.appDatabase ? ['    postgres: true'] : []),
          '',
        ].join('\n'),
      );
    await write({ notifierUrl: 'http://127.0.0.1:9/first', uploadMaxMb: 1, appDatabase: false });
  }, 300_000);

  afterAll(async () => {
    if (directory) await aistack(['down', '--volumes', '--yes']).catch(() => undefined);
    await removeProject(name);
    if (directory) await rm(directory, { recursive: true, force: true });
  });

  it('recreates the monitor for a notifier URL, the proxy for a route limit, and runs the init scripts for a new database', async () => {
    const up = await aistack(['up']);
    expect(up.stderr).not.toMatch(/^error:/m);
    expect(up.code).toBe(0);
    expect(await monitorConfig(name)).toBe('http://127.0.0.1:9/first');
    expect(await upload(httpsPort, 2)).toBe('413');
    const ids = async (): Promise<Record<string, string>> =>
      Object.fromEntries(Object.entries(await projectContainers(name)).map(([service, container]) => [service, container.id]));
    const first = await ids();

    // 1. A setting only the monitor reads (through its mounted aistack.yaml).
    await write({ notifierUrl: 'http://127.0.0.1:9/second', uploadMaxMb: 1, appDatabase: false });
    const notifier = await aistack(['deploy']);
    expect(notifier.code, notifier.stderr).toBe(0);
    expect(notifier.stderr).toContain('Revision 2: ~monitor (aistack.yaml: monitor.notifiers[0].url)');
    expect(await monitorConfig(name)).toBe('http://127.0.0.1:9/second');
    const second = await ids();
    expect(changed(first, second)).toEqual(['monitor']);

    // 2. A setting that only changes the proxy's rendered config.
    await write({ notifierUrl: 'http://127.0.0.1:9/second', uploadMaxMb: 5, appDatabase: false });
    const limit = await aistack(['deploy']);
    expect(limit.code, limit.stderr).toBe(0);
    expect(limit.stderr).toMatch(/Revision 3: ~monitor \(aistack\.yaml: custom\.web\.route\.uploadMaxMb\); ~proxy \(proxy\/[^)]+\)/);
    expect(await upload(httpsPort, 2)).not.toBe('413');
    expect(changed(second, await ids()).sort()).toEqual(['monitor', 'proxy']);

    // 3. A database for a running PostgreSQL: its init scripts only run on an empty data directory.
    await write({ notifierUrl: 'http://127.0.0.1:9/second', uploadMaxMb: 5, appDatabase: true });
    const database = await aistack(['deploy']);
    expect(database.code, database.stderr).toBe(0);
    expect(database.stderr).toMatch(/~postgres \([^)]*postgres-init\/10-aistack-databases\.sh/);
    expect(await psql(name, "SELECT datname FROM pg_database WHERE datname = 'app'")).toBe('app');

    // Nothing changed: no revision.
    const again = await aistack(['deploy']);
    expect(again.stdout).toBe('No changes; revision 4 is running and healthy.\n');
  }, 600_000);
});

function changed(before: Record<string, string>, after: Record<string, string>): string[] {
  return Object.keys(after).filter((service) => before[service] !== after[service]);
}

/** What the monitor process read at its start (the stand-in's /config). */
async function monitorConfig(project: string): Promise<string> {
  const monitor = (await projectContainers(project)).monitor!;
  const { stdout } = await run('docker', [
    'exec',
    monitor.id,
    'node',
    '-e',
    "fetch('http://127.0.0.1:8090/config').then((r) => r.text()).then((t) => process.stdout.write(t))",
  ]);
  return stdout;
}

/** POST `megabytes` MiB through the proxy to web; the HTTP status. */
async function upload(port: number, megabytes: number): Promise<string> {
  const { stdout } = await run('sh', [
    '-c',
    `head -c ${megabytes * 1024 * 1024} /dev/zero | curl -sk -o /dev/null -w '%{http_code}' --resolve ` +
      `web.ai.localhost:${port}:127.0.0.1 -X POST --data-binary @- https://web.ai.localhost:${port}/`,
  ]);
  return stdout;
}

async function psql(project: string, sql: string): Promise<string> {
  const postgres = (await projectContainers(project)).postgres!;
  const { stdout } = await run('docker', ['exec', '-u', 'postgres', postgres.id, 'psql', '-U', 'postgres', '-d', 'postgres', '-tAc', sql]);
  return stdout.trim();
}
