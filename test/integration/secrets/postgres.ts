import { execFile, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { chmod, chown, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort } from '../proxy/harness.js';

const run = promisify(execFile);
const PG_BIN = '/usr/lib/postgresql/15/bin/';

export interface PasswordPostgres {
  readonly port: number;
  /** Run SQL as `user` with `password`; throws when PostgreSQL refuses the password. */
  query(user: string, password: string, database: string, sql: string): Promise<unknown[]>;
  stop(): Promise<void>;
}

function asPostgres(program: string, args: readonly string[]): [string, string[]] {
  return process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', program, ...args]] : [program, [...args]];
}

/** A throwaway PostgreSQL 15 that checks passwords (scram-sha-256), superuser `postgres`. */
export async function startPasswordPostgres(superuserPassword: string): Promise<PasswordPostgres> {
  const directory = await mkdtemp(path.join(os.tmpdir(), 'aistack-secrets-pg-'));
  await chmod(directory, 0o700);
  const passwordFile = path.join(directory, 'pw');
  await writeFile(passwordFile, superuserPassword, { mode: 0o600 });
  if (process.getuid?.() === 0) {
    const uid = Number((await run('id', ['-u', 'postgres'])).stdout.trim());
    const gid = Number((await run('id', ['-g', 'postgres'])).stdout.trim());
    await chown(directory, uid, gid);
    await chown(passwordFile, uid, gid);
  }
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
  await rm(passwordFile);
  const port = await freePort();
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
    '-c',
    'log_statement=all',
  ]);
  const child: ChildProcess = spawn(program, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const query = async (user: string, password: string, database: string, sql: string): Promise<unknown[]> => {
    const client = new pg.Client({ host: '127.0.0.1', port, user, password, database, connectionTimeoutMillis: 5000 });
    try {
      await client.connect();
      return (await client.query<Record<string, unknown>>(sql)).rows;
    } finally {
      await client.end().catch(() => undefined);
    }
  };
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      await query('postgres', superuserPassword, 'postgres', 'SELECT 1');
      break;
    } catch (error: unknown) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  return {
    port,
    query,
    stop: async () => {
      const pid = Number((await readFile(path.join(data, 'postmaster.pid'), 'utf8').catch(() => '')).split('\n')[0]);
      if (pid > 0) process.kill(pid, 'SIGINT');
      else child.kill('SIGINT');
      await new Promise((resolve) => {
        if (child.exitCode !== null) resolve(undefined);
        child.once('exit', resolve);
        setTimeout(resolve, 10_000);
      });
      await rm(directory, { recursive: true, force: true });
    },
    get log() {
      return log;
    },
  } as PasswordPostgres & { log: string };
}
