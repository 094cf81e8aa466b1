import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readArchive } from '../../../src/backup/archive-reader.js';
import { createDockerResolver } from '../../../src/backup/docker-resolver.js';
import { createEngineExecutor } from '../../../src/backup/engine-executor.js';
import { runToText } from '../../../src/backup/executor.js';
import { runBackup } from '../../../src/backup/run-backup.js';
import { runRestore } from '../../../src/backup/run-restore.js';
import { runVerify } from '../../../src/backup/run-verify.js';
import { resolveProjectPaths } from '../../../src/project/paths.js';
import type { ProjectPaths } from '../../../src/project/paths.js';
import { createEngine } from '../../../src/runtime/engine.js';
import type { Stack } from '../../../src/stack/types.js';
import { ensureTestImage } from '../../support/images.js';
import { makeTestStack } from '../../backup/support/stack.js';

const run = promisify(execFile);
const docker = new Docker();
const project = `aistack-bk-${randomBytes(3).toString('hex')}`;
const key = randomBytes(32);
const created: string[] = [];
const volumes: string[] = [];
let root: string;
const REDIS_PASSWORD = `test-${randomBytes(6).toString('hex')}`;
const cli = (): string => `REDISCLI_AUTH=${REDIS_PASSWORD} redis-cli --no-auth-warning`;
let paths: ProjectPaths;
let stack: Stack;

async function exec(container: string, script: string): Promise<string> {
  return (await run('docker', ['exec', container, 'sh', '-c', script])).stdout.trim();
}

async function startService(
  service: string,
  image: string,
  options: { volume?: { name: string; target: string }; env?: string[]; cmd?: string[] },
): Promise<string> {
  const name = `${project}-${service}-1`;
  if (options.volume) {
    await docker.createVolume({ Name: options.volume.name, Labels: { 'com.docker.compose.project': project } });
    volumes.push(options.volume.name);
  }
  const container = await docker.createContainer({
    name,
    Image: image,
    ...(options.cmd ? { Cmd: options.cmd } : {}),
    Env: options.env ?? [],
    Labels: { 'com.docker.compose.project': project, 'com.docker.compose.service': service },
    HostConfig: { NetworkMode: 'none', ...(options.volume ? { Binds: [`${options.volume.name}:${options.volume.target}`] } : {}) },
  });
  created.push(container.id);
  await container.start();
  return name;
}

async function waitFor(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let attempt = 0; attempt < 120; attempt += 1) {
    if (await check().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`timed out waiting for ${what}`);
}

let filesContainer: string;
let redisContainer: string;
let postgresContainer: string;

beforeAll(async () => {
  const [busybox, redisImage, postgresImage] = await Promise.all([
    ensureTestImage('busybox'),
    ensureTestImage('redis'),
    ensureTestImage('postgres'),
  ]);
  root = await mkdtemp(path.join(os.tmpdir(), 'aistack-bk-docker-'));
  paths = resolveProjectPaths(root);
  stack = makeTestStack(project);
  filesContainer = await startService('files', busybox, {
    volume: { name: `${project}_files-data`, target: '/data' },
    cmd: ['sh', '-c', 'trap "exit 0" TERM; while true; do sleep 1; done'],
  });
  redisContainer = await startService('redis', redisImage, {
    volume: { name: `${project}_redis-data`, target: '/data' },
    cmd: ['redis-server', '--protected-mode', 'no', '--dir', '/data', '--requirepass', REDIS_PASSWORD],
  });
  await mkdir(paths.secrets, { recursive: true });
  await writeFile(path.join(paths.secrets, 'redis-password'), `${REDIS_PASSWORD}\n`, { mode: 0o600 });
  postgresContainer = await startService('postgres', postgresImage, { env: ['POSTGRES_PASSWORD=test-only-password'] });
  await exec(
    filesContainer,
    'mkdir -p /data/nested && printf "hello docker\\n" > /data/hello.txt && printf "\\000\\001\\377" > /data/nested/bin && ' +
      'chown 1234:2345 /data/hello.txt && ln -s hello.txt /data/link',
  );
  await waitFor(async () => (await exec(redisContainer, `${cli()} PING`)) === 'PONG', 'redis');
  for (let index = 0; index < 10; index += 1) await exec(redisContainer, `${cli()} SET k${index} v${index}`);
  // The entrypoint runs a temporary server for init first: wait for the real one.
  await waitFor(async () => (await run('docker', ['logs', postgresContainer])).stdout.includes('init process complete'), 'postgres init');
  await waitFor(
    async () => (await exec(postgresContainer, 'pg_isready -U postgres -h /var/run/postgresql && echo ready')).endsWith('ready'),
    'postgres',
  );
  await exec(postgresContainer, `psql -U postgres -v ON_ERROR_STOP=1 -c "CREATE ROLE n8n LOGIN" -c "CREATE DATABASE n8n OWNER n8n"`);
  await exec(
    postgresContainer,
    'psql -U postgres -d n8n -v ON_ERROR_STOP=1 -c "CREATE TABLE workflow (id int, name text); INSERT INTO workflow SELECT ' +
      `g, 'w' || g FROM generate_series(1, 123) g; ALTER TABLE workflow OWNER TO n8n"`,
  );
}, 900_000);

afterAll(async () => {
  for (const id of created)
    await docker
      .getContainer(id)
      .remove({ force: true })
      .catch(() => undefined);
  for (const name of volumes)
    await docker
      .getVolume(name)
      .remove()
      .catch(() => undefined);
  if (root) await rm(root, { recursive: true, force: true });
});

describe('backup and restore against containers', () => {
  it('backs up a PostgreSQL database with docker exec, a Redis RDB and a Docker volume, and restores them after they were destroyed', async () => {
    const engine = createEngine(docker);
    const resolver = createDockerResolver({ stack, paths, engine });
    const { manifest } = await runBackup({
      stack,
      paths,
      backupsDirectory: paths.backups,
      key,
      resolver,
      selection: ['files', 'redis', 'postgres'],
    });
    expect(manifest.parts.map((part) => part.kind)).toEqual(['pg-dump', 'volume-tar', 'redis-rdb']);
    expect(manifest.parts[0]!.check).toEqual({ kind: 'row-counts', tables: { 'public.workflow': 123 } });
    expect(manifest.parts[1]!.check).toMatchObject({
      kind: 'file-hashes',
      files: { 'hello.txt': expect.any(String), 'nested/bin': expect.any(String) },
    });
    // files-data is "not live": the container was stopped for the copy and runs again.
    expect((await docker.getContainer(filesContainer).inspect()).State.Running).toBe(true);

    await exec(filesContainer, 'rm -rf /data/* && echo stray > /data/stray.txt');
    await exec(redisContainer, `${cli()} FLUSHALL && ${cli()} SET intruder 1`);
    await exec(postgresContainer, `psql -U postgres -d n8n -c "DELETE FROM workflow WHERE id > 3"`);

    const entry = await readArchive(paths.backups, manifest.id);
    await runRestore({ entry, key, paths, selection: [], resolver, confirm: async () => true });

    expect(
      await exec(
        filesContainer,
        'cat /data/hello.txt; ls -A /data | tr "\\n" " "; stat -c %u:%g /data/hello.txt; readlink /data/link; od -An -tx1 /data/nested/bin',
      ),
    ).toBe('hello docker\nhello.txt link nested 1234:2345\nhello.txt\n 00 01 ff');
    await waitFor(async () => (await exec(redisContainer, `${cli()} PING`)) === 'PONG', 'redis after restore');
    expect(await exec(redisContainer, `${cli()} DBSIZE; ${cli()} GET k7; ${cli()} EXISTS intruder`)).toBe('10\nv7\n0');
    expect(await exec(postgresContainer, `psql -U postgres -d n8n -At -c "SELECT count(*) FROM workflow"`)).toBe('123');

    const verification = await runVerify({ entry, key, resolver });
    expect(verification.parts.map((part) => part.message)).toEqual([
      '1 tables, 123 rows match',
      '2 files match',
      '10 keys, 10 sampled keys match',
    ]);
  });

  it('streams tens of megabytes both ways through the Engine API exec, with exit codes and stderr', async () => {
    const executor = createEngineExecutor(docker, { id: filesContainer, name: filesContainer });
    const reader = executor.spawn(['sh', '-c', 'head -c 40000000 /dev/zero | tr "\\000" "a"; echo done >&2']);
    let bytes = 0;
    for await (const chunk of reader.stdout) bytes += (chunk as Buffer).length;
    expect(bytes).toBe(40_000_000);
    expect(await reader.done).toEqual({ code: 0, stderr: 'done\n' });
    const writer = executor.spawn(['wc', '-c'], { stdin: true });
    const output: Buffer[] = [];
    writer.stdout.on('data', (chunk: Buffer) => output.push(chunk));
    const block = Buffer.alloc(1024 * 1024, 7);
    for (let index = 0; index < 30; index += 1)
      if (!writer.stdin!.write(block)) await new Promise((resolve) => writer.stdin!.once('drain', resolve));
    writer.stdin!.end();
    expect((await writer.done).code).toBe(0);
    expect(Buffer.concat(output).toString().trim()).toBe(String(30 * 1024 * 1024));
    await expect(runToText(executor, ['sh', '-c', 'echo broken >&2; exit 3'])).rejects.toThrow(
      `\`sh\` failed on container ${filesContainer} (exit 3):\nbroken`,
    );
  });
});
