import { execFile, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { asPostgres, createPostgresDirectory, freePort, PG_BIN, waitFor } from '../../support/processes.js';
import type { PostgresTarget } from '../../../src/backup/postgres-strategy.js';
import { createHostExecutor } from '../../../src/backup/executor.js';

const run = promisify(execFile);
export { freePort, PG_BIN } from '../../support/processes.js';

export interface TestPostgres {
  readonly port: number;
  readonly target: PostgresTarget;
  psql(database: string, sql: string): Promise<string>;
  stop(): Promise<void>;
}

/** A throwaway PostgreSQL 15 cluster on a free loopback port (trust auth; loopback only). */
export async function startTestPostgres(): Promise<TestPostgres> {
  const directory = await createPostgresDirectory('aistack-backup-pg-');
  const data = path.join(directory, 'data');
  const [initProgram, initArgs] = asPostgres(`${PG_BIN}initdb`, ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
  await run(initProgram, initArgs);
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
  ]);
  const child: ChildProcess = spawn(program, args, { stdio: 'ignore' });
  const target: PostgresTarget = {
    executor: createHostExecutor(),
    connection: ['--host', '127.0.0.1', '--port', String(port), '--username', 'postgres'],
    binDirectory: PG_BIN,
  };
  const psql = async (database: string, sql: string): Promise<string> => {
    const { stdout } = await run(`${PG_BIN}psql`, [
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
      database,
      '-c',
      sql,
    ]);
    return stdout.trim();
  };
  await waitFor(async () => (await psql('postgres', 'SELECT 1')) === '1', `PostgreSQL on port ${port}`);
  return {
    port,
    target,
    psql,
    stop: async () => {
      // runuser does not pass signals on: stop the postmaster itself (fast shutdown).
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
  };
}

export interface TestRedis {
  readonly port: number;
  readonly directory: string;
  cli(...args: string[]): Promise<string>;
  start(): Promise<void>;
  stop(): Promise<void>;
  destroy(): Promise<void>;
}

/** A redis-server on a free loopback port with its data in a temp directory. */
export async function startTestRedis(options: { readonly appendOnly?: boolean } = {}): Promise<TestRedis> {
  const directory = await mkdtemp(path.join(os.tmpdir(), 'aistack-backup-redis-'));
  const port = await freePort();
  let child: ChildProcess | undefined;
  const cli = async (...args: string[]): Promise<string> =>
    (await run('redis-cli', ['-h', '127.0.0.1', '-p', String(port), ...args])).stdout.trim();
  const start = async (): Promise<void> => {
    child = spawn(
      'redis-server',
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--dir',
        directory,
        '--dbfilename',
        'dump.rdb',
        '--save',
        '',
        '--appendonly',
        options.appendOnly ? 'yes' : 'no',
        '--daemonize',
        'no',
      ],
      { stdio: 'ignore' },
    );
    await waitFor(async () => (await cli('PING')) === 'PONG', `redis on port ${port}`);
  };
  const stop = async (): Promise<void> => {
    const current = child;
    if (current?.exitCode !== null) return;
    // SIGTERM saves when save points exist; we have none, so the RDB on disk stays as it is.
    current.kill('SIGTERM');
    await new Promise((resolve) => {
      if (current.exitCode !== null) resolve(undefined);
      current.once('exit', resolve);
      setTimeout(resolve, 10_000);
    });
  };
  await start();
  return {
    port,
    directory,
    cli,
    start,
    stop,
    destroy: async () => {
      await stop();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
