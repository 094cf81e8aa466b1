import { execFile, spawn } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RegistryStandIn } from '../../support/registry-standin.js';
import { startRegistryStandIn } from '../../support/registry-standin.js';
import { ensureRuntimeImages } from '../runtime/runtime-images.js';
import { freePort, removeProject, uniqueProjectName } from '../runtime/support.js';

/**
 * Issue 18 on a real stack (built CLI, docker-compose 1.29): PostgreSQL and an app image in three
 * local tags. 1.0.0 creates and fills a table; 2.x renames a column and rewrites every row on
 * start (one-way); 2.0.0 then never turns healthy, 2.0.1 does.
 */
const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../../..');
const cli = path.join(root, 'dist/cli/main.js');
const APP = 'aisupg-app';

const START = [
  '#!/bin/sh',
  'export PGPASSWORD="$(cat "$DATABASE_PASSWORD_FILE")" PGCONNECT_TIMEOUT=3',
  'q() { psql -h "$DATABASE_HOST" -U "$DATABASE_USER" -d "$DATABASE_NAME" -v ON_ERROR_STOP=1 -tAc "$1"; }',
  'i=0; until q "select 1" >/dev/null 2>&1; do i=$((i+1)); [ $i -gt 120 ] && exit 1; sleep 0.5; done',
  'case "$APP_VERSION" in',
  '  1*) q "create table if not exists items (id int primary key, name text not null)"',
  `      q "insert into items select g, 'item-' || g from generate_series(1, 50) g on conflict do nothing" ;;`,
  `  2*) q "do \\$\\$ begin if exists (select 1 from information_schema.columns where table_name = 'items' and column_name ` +
    `= 'name') then alter table items rename column name to title; update items set title = upper(title); end if; end \\$\\$" ;;`,
  'esac',
  'echo "app $APP_VERSION ready to serve"',
  "trap 'exit 0' TERM INT",
  'while :; do sleep 1 & wait $!; done',
].join('\n');
/** Healthy when the table answers; 2.0.0 never is. */
const HEALTH = [
  '#!/bin/sh',
  '[ "$APP_BROKEN" = yes ] && exit 1',
  'export PGPASSWORD="$(cat "$DATABASE_PASSWORD_FILE")" PGCONNECT_TIMEOUT=3',
  'psql -h "$DATABASE_HOST" -U "$DATABASE_USER" -d "$DATABASE_NAME" -tAc "select count(*) from items" >/dev/null',
].join('\n');

async function buildApp(base: string, tag: string, version: string, broken: boolean): Promise<string> {
  const directory = await mkdtemp(path.join(os.tmpdir(), 'aisupg-app-'));
  try {
    await writeFile(path.join(directory, 'start.sh'), `${START}\n`);
    await writeFile(path.join(directory, 'health.sh'), `${HEALTH}\n`);
    await chmod(path.join(directory, 'start.sh'), 0o755);
    await chmod(path.join(directory, 'health.sh'), 0o755);
    await writeFile(
      path.join(directory, 'Dockerfile'),
      `FROM ${base}\nCOPY start.sh health.sh /app/\nENV APP_VERSION=${version} APP_BROKEN=${broken ? 'yes' : 'no'}\nENTRYPOINT []\nCMD ["/app/start.sh"]\n`,
    );
    await run('docker', ['build', '--quiet', '--tag', `${APP}:${tag}`, directory]);
    return `${APP}:${tag}`;
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

function aistack(
  directory: string,
  args: readonly string[],
  timeoutMs = 300_000,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, '-C', directory, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NO_COLOR: '1' },
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

describe('aistack upgrade apply on a real stack', () => {
  const name = uniqueProjectName('aisupg').replace(/-/g, '_');
  let directory = '';
  let manifest = '';
  let registry: RegistryStandIn | undefined;
  const mirrorTags: string[] = [];

  const containerOf = async (service: string): Promise<string> => {
    const { stdout } = await run('docker', [
      'ps',
      '-q',
      '--filter',
      `label=com.docker.compose.project=${name}`,
      '--filter',
      `label=com.docker.compose.service=${service}`,
    ]);
    const id = stdout.trim().split('\n')[0];
    if (!id) throw new Error(`no running container for ${service}`);
    return id;
  };
  const imageOf = async (service: string): Promise<string> =>
    (await run('docker', ['inspect', '--format', '{{.Config.Image}}', await containerOf(service)])).stdout.trim();
  const sql = async (query: string): Promise<string> =>
    (await run('docker', ['exec', await containerOf('postgres'), 'psql', '-U', 'postgres', '-d', 'app', '-tAc', query])).stdout.trim();
  const table = (): Promise<string> => sql("select count(*) || ' ' || md5(string_agg(t::text, ',' order by id)) from items t");

  beforeAll(async () => {
    const images = await ensureRuntimeImages();
    const v1 = await buildApp(images.postgres, '1.0.0', '1.0.0', false);
    await buildApp(images.postgres, '2.0.0', '2.0.0', true);
    await buildApp(images.postgres, '2.0.1', '2.0.1', false);
    directory = await mkdtemp(path.join(os.tmpdir(), 'aisupg-project-'));
    manifest = [
      `name: ${name}`,
      'domain: ai.localhost',
      'services:',
      '  postgres:',
      `    image: ${images.postgres}`,
      'images:',
      '  overrides:',
      `    proxy: ${images.nginx}`,
      `proxy: { httpPort: ${await freePort()}, httpsPort: ${await freePort()}, bind: 127.0.0.1 }`,
      'monitor: { enabled: false }',
      '# the app tags are built seconds ago: no quarantine for them',
      'upgrade: { quarantine: { app: 0 } }',
      'custom:',
      '  app:',
      `    image: ${v1}`,
      '    postgres: true',
      '    health: { command: [/app/health.sh] }',
      '    startTimeout: 15',
      '',
    ].join('\n');
    await writeFile(path.join(directory, 'aistack.yaml'), manifest);
    const deployed = await aistack(directory, ['deploy'], 600_000);
    expect(deployed.stderr).not.toMatch(/^error:/m);
    expect(deployed.code).toBe(0);
  }, 900_000);

  afterAll(async () => {
    if (directory) await aistack(directory, ['down', '--volumes', '--yes'], 180_000).catch(() => undefined);
    await removeProject(name);
    if (directory) await rm(directory, { recursive: true, force: true });
    await run('docker', ['rmi', '-f', `${APP}:1.0.0`, `${APP}:2.0.0`, `${APP}:2.0.1`, `${APP}:2.1.0`, ...mirrorTags]).catch(
      () => undefined,
    );
    await registry?.close();
  });

  it('plans the local tags; a 2.0.0 that migrates and fails its health check is undone: images rolled back, the table restored exactly', async () => {
    const plan = await aistack(directory, ['upgrade', 'plan', '--json']);
    expect(plan.code).toBe(0);
    const app = (
      JSON.parse(plan.stdout) as {
        offline: boolean;
        services: { service: string; steps: { toTag: string; verdict: string; origin: string }[] }[];
      }
    ).services.find((service) => service.service === 'app');
    expect(app?.steps.map((step) => `${step.toTag} ${step.origin} ${step.verdict}`)).toEqual(['2.0.0 local safe', '2.0.1 local safe']);

    const before = await table();
    expect(before).toMatch(/^50 [0-9a-f]{32}$/);
    const failed = await aistack(directory, ['upgrade', 'apply', 'app', '--to', '2.0.0'], 300_000);
    expect(failed.code).not.toBe(0);
    expect(failed.stderr).toMatch(/AIS_UPGRADE_ROLLED_BACK/);
    expect(failed.stderr).toMatch(/the images were rolled back, aistack.yaml is back as it was and the data was restored from backup /);
    expect(await imageOf('app')).toBe(`${APP}:1.0.0`);
    expect(await table()).toBe(before);
    expect(await sql("select column_name from information_schema.columns where table_name = 'items' order by 1")).toBe('id\nname');
    expect(await readFile(path.join(directory, 'aistack.yaml'), 'utf8')).toBe(manifest);
  }, 400_000);

  it('a good upgrade (2.0.1) leaves the data migrated, aistack.yaml pinned to it and a verified pre-upgrade backup listed', async () => {
    const before = await table();
    const upgraded = await aistack(directory, ['upgrade', 'apply', 'app', '--to', '2.0.1'], 300_000);
    expect(upgraded.stderr).not.toMatch(/^error:/m);
    expect(upgraded.code).toBe(0);
    expect(upgraded.stdout + upgraded.stderr).toMatch(
      /Upgraded app to 2\.0\.1: revision \d+ is healthy; the pre-upgrade backup is \S+ \(verified\)/,
    );
    expect(await imageOf('app')).toBe(`${APP}:2.0.1`);
    expect(await sql('select title from items where id = 7')).toBe('ITEM-7');
    expect(await sql('select count(*) from items')).toBe('50');
    expect(await readFile(path.join(directory, 'aistack.yaml'), 'utf8')).toContain(`image: ${APP}:2.0.1`);
    const listing = JSON.parse((await aistack(directory, ['backup', 'list', '--json'])).stdout) as {
      archives: { id: string; trigger: string; what: string[]; verified: { ok: boolean } | null }[];
    };
    const newest = listing.archives[0]!;
    expect(newest).toMatchObject({ trigger: 'upgrade', what: ['db:app'], verified: { ok: true } });
    // That archive holds the table as it was before the upgrade.
    expect(before).toMatch(/^50 /);
  }, 400_000);

  it('against a mirror (images.registry at a registry stand-in): plans 2.1.0 from its tags, pulls it and upgrades to it', async () => {
    // The stand-in (test/support/registry-standin.ts) speaks the OCI Distribution API with token
    // auth; the Engine pulls from it over plain HTTP, as it does from any registry on 127.0.0.0/8.
    registry = await startRegistryStandIn({ auth: 'bearer' });
    const mirror = `${registry.host}/aisupg-mirror`;
    const images = await ensureRuntimeImages();
    await buildApp(images.postgres, '2.1.0', '2.1.0', false);
    await registry.addLocal('aisupg-mirror/aisupg-app', '2.1.0', `${APP}:2.1.0`);
    await run('docker', ['rmi', `${APP}:2.1.0`]);
    // The running 2.0.1 under the mirror's name, as `aistack images pull` from the mirror would have left it.
    mirrorTags.push(`${mirror}/${APP}:2.0.1`, `${mirror}/${APP}:2.1.0`);
    await run('docker', ['tag', `${APP}:2.0.1`, mirrorTags[0]!]);
    const mirrored = (await readFile(path.join(directory, 'aistack.yaml'), 'utf8'))
      .replace(`image: ${APP}:2.0.1`, `image: ${mirrorTags[0]!}`)
      .replace('images:\n', `images:\n  registry: ${mirror}\n`);
    await writeFile(path.join(directory, 'aistack.yaml'), mirrored);
    const deployed = await aistack(directory, ['deploy'], 300_000);
    expect(deployed.stderr).not.toMatch(/^error:/m);
    expect(deployed.code).toBe(0);

    const plan = await aistack(directory, ['upgrade', 'plan', '--json']);
    expect(plan.code).toBe(0);
    const app = (
      JSON.parse(plan.stdout) as {
        services: { service: string; source: string; steps: { toTag: string; verdict: string; origin: string }[] }[];
      }
    ).services.find((service) => service.service === 'app');
    expect(app).toMatchObject({ source: 'registry' });
    expect(app?.steps.map((step) => `${step.toTag} ${step.origin} ${step.verdict}`)).toEqual(['2.1.0 registry safe']);
    await expect(run('docker', ['image', 'inspect', mirrorTags[1]!])).rejects.toThrow();

    const before = await table();
    const upgraded = await aistack(directory, ['upgrade', 'apply', 'app'], 300_000);
    expect(upgraded.stderr).not.toMatch(/^error:/m);
    expect(upgraded.code).toBe(0);
    expect(upgraded.stdout + upgraded.stderr).toMatch(
      /Upgraded app to 2\.1\.0: revision \d+ is healthy; the pre-upgrade backup is \S+ \(verified\)/,
    );
    expect(await imageOf('app')).toBe(mirrorTags[1]);
    expect(await table()).toBe(before);
    // The Engine fetched 2.1.0's manifest and its layers from the mirror, with a token from its realm.
    expect(registry.requests.some((request) => request.method === 'GET' && request.url.endsWith('/manifests/2.1.0'))).toBe(true);
    expect(registry.requests.some((request) => request.url.startsWith('/storage/'))).toBe(true);
    expect(registry.tokens.length).toBeGreaterThan(0);
  }, 600_000);
});
