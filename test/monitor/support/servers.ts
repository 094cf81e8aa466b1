import { execFile, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { asPostgres, createPostgresDirectory, freePort, PG_BIN, waitFor } from '../../support/processes.js';

const run = promisify(execFile);
export { freePort, PG_BIN } from '../../support/processes.js';

export interface PasswordPostgres {
  readonly port: number;
  /** Directory with the password files `postgres-password` and `postgres-n8n-password`. */
  readonly secrets: string;
  readonly appPassword: string;
  stop(): Promise<void>;
  start(): Promise<void>;
  destroy(): Promise<void>;
}

/**
 * PostgreSQL 15 on a free loopback port with scram-sha-256 everywhere, a superuser and an app role
 * `n8n` owning database `n8n`, their passwords in files the way .aistack/secrets holds them.
 */
export async function startPasswordPostgres(): Promise<PasswordPostgres> {
  const directory = await createPostgresDirectory('aistack-monitor-pg-');
  const secrets = await mkdtemp(path.join(os.tmpdir(), 'aistack-monitor-secrets-'));
  const superPassword = `su-${Math.random().toString(36).slice(2)}`;
  const appPassword = `app-${Math.random().toString(36).slice(2)}`;
  await writeFile(path.join(secrets, 'postgres-password'), `${superPassword}\n`, { mode: 0o600 });
  await writeFile(path.join(secrets, 'postgres-n8n-password'), `${appPassword}\n`, { mode: 0o600 });
  const passwordFile = path.join(directory, 'pw');
  await writeFile(passwordFile, superPassword, { mode: 0o644 });
  const data = path.join(directory, 'data');
  const [initProgram, initArgs] = asPostgres(`${PG_BIN}initdb`, [
    '-D',
    data,
    '-U',
    'postgres',
    '--auth=scram-sha-256',
    `--pwfile=${passwordFile}`,
    '-E',
    'UTF8',
    '--no-sync',
  ]);
  await run(initProgram, initArgs);
  const port = await freePort();
  let child: ChildProcess | undefined;
  const psql = async (sql: string): Promise<string> =>
    (
      await run(
        `${PG_BIN}psql`,
        [
          '-X',
          '-q',
          '-A',
          '-t',
          '-v',
          'ON_ERROR_STOP=1',
          '-h',
          '127.0.0.1',
          '-p',
          String(port),
          '-U',
          'postgres',
          '-d',
          'postgres',
          '-c',
          sql,
        ],
        { env: { ...process.env, PGPASSWORD: superPassword } },
      )
    ).stdout.trim();
  const start = async (): Promise<void> => {
    const [program, args] = asPostgres(`${PG_BIN}postgres`, [
      '-D',
      data,
      '-p',
      String(port),
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      `unix_socket_directories=${directory}`,
      '-c',
      'fsync=off',
    ]);
    child = spawn(program, args, { stdio: 'ignore' });
    await waitFor(async () => (await psql('SELECT 1')) === '1', `PostgreSQL on port ${port}`);
  };
  const stop = async (): Promise<void> => {
    const pid = Number((await readFile(path.join(data, 'postmaster.pid'), 'utf8').catch(() => '')).split('\n')[0]);
    if (pid > 0) process.kill(pid, 'SIGINT');
    const current = child;
    if (current?.exitCode === null) {
      await new Promise((resolve) => {
        current.once('exit', resolve);
        setTimeout(resolve, 10_000);
      });
    }
  };
  await start();
  await psql(`CREATE ROLE n8n LOGIN PASSWORD '${appPassword}'`);
  await psql('CREATE DATABASE n8n OWNER n8n');
  return {
    port,
    secrets,
    appPassword,
    start,
    stop,
    destroy: async () => {
      await stop();
      await rm(directory, { recursive: true, force: true });
      await rm(secrets, { recursive: true, force: true });
    },
  };
}

export interface PasswordRedis {
  readonly port: number;
  readonly passwordFile: string;
  readonly password: string;
  stop(): Promise<void>;
  destroy(): Promise<void>;
}

/** redis-server with `requirepass` on a free loopback port; the password in a file. */
export async function startPasswordRedis(): Promise<PasswordRedis> {
  const directory = await mkdtemp(path.join(os.tmpdir(), 'aistack-monitor-redis-'));
  const port = await freePort();
  const password = `redis-${Math.random().toString(36).slice(2)}`;
  const passwordFile = path.join(directory, 'redis-password');
  await writeFile(passwordFile, `${password}\n`, { mode: 0o600 });
  const child = spawn('redis-server', ['-'], { stdio: ['pipe', 'ignore', 'ignore'] });
  child.stdin.end(`port ${port}\nbind 127.0.0.1\ndir ${directory}\nsave ""\nappendonly no\nrequirepass ${password}\n`);
  await waitFor(
    async () =>
      (await run('redis-cli', ['-h', '127.0.0.1', '-p', String(port), '--no-auth-warning', '-a', password, 'PING'])).stdout.trim() ===
      'PONG',
    `redis on port ${port}`,
  );
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null) return;
    child.kill('SIGTERM');
    await new Promise((resolve) => {
      child.once('exit', resolve);
      setTimeout(resolve, 10_000);
    });
  };
  return {
    port,
    passwordFile,
    password,
    stop,
    destroy: async () => {
      await stop();
      await rm(directory, { recursive: true, force: true });
    },
  };
}

/** A self-signed certificate valid for `days` days, made by openssl. */
export async function createCertificate(days: number, name: string): Promise<{ key: string; cert: string }> {
  const directory = await mkdtemp(path.join(os.tmpdir(), 'aistack-monitor-cert-'));
  try {
    await run('openssl', [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      String(days),
      '-subj',
      `/CN=${name}`,
      '-addext',
      `subjectAltName=DNS:${name}`,
      '-keyout',
      path.join(directory, 'key.pem'),
      '-out',
      path.join(directory, 'cert.pem'),
    ]);
    return { key: await readFile(path.join(directory, 'key.pem'), 'utf8'), cert: await readFile(path.join(directory, 'cert.pem'), 'utf8') };
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}
