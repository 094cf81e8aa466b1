import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findCatalogEntry } from '../../../src/catalog/index.js';
import type { CatalogEntry } from '../../../src/catalog/types.js';
import { ensureTestImage } from '../../support/images.js';

/**
 * The catalog's PostgreSQL and Redis entries run for real: their entrypoint, command,
 * environment, secret file, volume target and health test, on the locally built stand-in
 * images (no registry here). Docker itself runs the health test and must report healthy.
 */
const docker = new Docker();
const suffix = randomBytes(4).toString('hex');
const label = { 'ai.aistack.test': `catalog-${suffix}` };
let directory: string;
const containers: Docker.Container[] = [];
const volumes: string[] = [];

const seconds = (value: string | undefined, fallback: number): number => (value ? Number.parseInt(value, 10) : fallback) * 1e9;

async function start(
  entry: CatalogEntry,
  image: string,
  options: { env: string[]; binds: string[]; entrypoint?: readonly string[] },
): Promise<Docker.Container> {
  const volume = `aistack-test-${entry.id}-${suffix}`;
  await docker.createVolume({ Name: volume, Labels: label });
  volumes.push(volume);
  const container = await docker.createContainer({
    name: `aistack-test-${entry.id}-${suffix}`,
    Image: image,
    Labels: label,
    ...((options.entrypoint ?? entry.entrypoint) ? { Entrypoint: [...(options.entrypoint ?? entry.entrypoint ?? [])] } : {}),
    ...(entry.command ? { Cmd: [...entry.command] } : {}),
    Env: [...Object.entries(entry.environment).map(([key, value]) => `${key}=${value}`), ...options.env],
    Healthcheck: {
      Test: [...entry.health.test],
      Interval: 1e9,
      Timeout: seconds(entry.health.timeout, 5),
      Retries: 30,
      StartPeriod: seconds(entry.health.startPeriod, 30),
    },
    HostConfig: { Binds: [...options.binds, `${volume}:${entry.volumes[0]?.target ?? '/data'}`], SecurityOpt: ['no-new-privileges:true'] },
  });
  containers.push(container);
  await container.start();
  return container;
}

async function waitHealthy(container: Docker.Container, timeoutMs: number): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let status = 'starting';
  while (Date.now() < deadline) {
    const state = (await container.inspect()).State;
    status = state.Health?.Status ?? (state.Running ? 'starting' : 'exited');
    if (status === 'healthy' || status === 'unhealthy' || status === 'exited') return status;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return status;
}

async function exec(container: Docker.Container, command: readonly string[]): Promise<{ exitCode: number; output: string }> {
  const process = await container.exec({ Cmd: [...command], AttachStdout: true, AttachStderr: true });
  const stream = await process.start({ hijack: true, stdin: false });
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  await new Promise((resolve) => stream.on('end', resolve));
  const inspected = await process.inspect();
  // Strip the 8-byte multiplexing headers of each frame.
  const raw = Buffer.concat(chunks);
  let output = '';
  for (let offset = 0; offset + 8 <= raw.length;) {
    const size = raw.readUInt32BE(offset + 4);
    output += raw.subarray(offset + 8, offset + 8 + size).toString('utf8');
    offset += 8 + size;
  }
  return { exitCode: inspected.ExitCode ?? -1, output };
}

beforeAll(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'aistack-catalog-'));
  await chmod(directory, 0o755);
});

afterAll(async () => {
  for (const container of containers) await container.remove({ force: true, v: true }).catch(() => undefined);
  for (const volume of volumes)
    await docker
      .getVolume(volume)
      .remove({ force: true })
      .catch(() => undefined);
  await rm(directory, { recursive: true, force: true });
});

describe('catalog entries in real containers', () => {
  it(
    'PostgreSQL reads its password from POSTGRES_PASSWORD_FILE, keeps PGDATA in the /var/lib/postgresql volume and turns healthy',
    { timeout: 240_000 },
    async () => {
      const entry = findCatalogEntry('postgres')!;
      const image = await ensureTestImage('postgres');
      const password = `pg-${randomBytes(12).toString('hex')}`;
      const secret = path.join(directory, 'postgres-password');
      await writeFile(secret, password, { mode: 0o644 });
      const secretVariable = entry.secrets[0];
      const container = await start(entry, image, {
        env: [`${secretVariable?.fileVariable ?? ''}=/run/secrets/postgres-password`],
        binds: [`${secret}:/run/secrets/postgres-password:ro`],
      });
      expect(await waitHealthy(container, 180_000)).toBe('healthy');
      // PostgreSQL 18's PGDATA (/var/lib/postgresql/18/docker) lies inside the volume, not in an anonymous one.
      expect((await exec(container, ['test', '-s', '/var/lib/postgresql/18/docker/PG_VERSION'])).exitCode).toBe(0);
      const inspected = JSON.stringify(await container.inspect());
      expect(inspected).not.toContain(password);
      const login = await exec(container, ['sh', '-c', `PGPASSWORD=${password} psql -h 127.0.0.1 -U postgres -d postgres -tAc 'select 1'`]);
      expect(login.output.trim()).toBe('1');
    },
  );

  it(
    'Redis takes its password from the secret file, answers NOAUTH without it, and docker inspect never shows it',
    { timeout: 240_000 },
    async () => {
      const entry = findCatalogEntry('redis')!;
      const image = await ensureTestImage('redis');
      const password = `rd-${randomBytes(12).toString('hex')}`;
      const secret = path.join(directory, 'redis-password');
      await writeFile(secret, password, { mode: 0o644 });
      // The stand-in image has no docker-entrypoint.sh; a pass-through one takes its place.
      const shim = path.join(directory, 'docker-entrypoint.sh');
      await writeFile(shim, '#!/bin/sh\nexec "$@"\n', { mode: 0o755 });
      const container = await start(entry, image, {
        env: [],
        binds: [`${secret}:/run/secrets/redis-password:ro`, `${shim}:/usr/local/bin/docker-entrypoint.sh:ro`],
      });
      expect(await waitHealthy(container, 120_000)).toBe('healthy');
      expect((await exec(container, ['redis-cli', 'ping'])).output).toContain('NOAUTH');
      const save = await exec(container, [
        'sh',
        '-c',
        'REDISCLI_AUTH="$(cat /run/secrets/redis-password)" redis-cli --no-auth-warning config get save',
      ]);
      expect(save.output.split('\n').map((line) => line.trim())).toContain('60 1');
      expect(JSON.stringify(await container.inspect())).not.toContain(password);
      const processes = await exec(container, ['sh', '-c', 'cat /proc/[0-9]*/cmdline | tr "\\0" " "']);
      expect(processes.output).toContain('redis-server');
      expect(processes.output).not.toContain(password);
    },
  );
});
