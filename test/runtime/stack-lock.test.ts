import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveProjectPaths } from '../../src/project/paths.js';
import type { ProjectPaths } from '../../src/project/paths.js';
import { releaseStackLocks } from '../../src/runtime/held-locks.js';
import { acquireStackLock } from '../../src/runtime/stack-lock.js';

let directory: string;
let paths: ProjectPaths;
const children: ChildProcess[] = [];

beforeEach(async () => {
  directory = await mkdtemp(path.join(os.tmpdir(), 'aistack-lock-'));
  paths = resolveProjectPaths(directory);
});

afterEach(async () => {
  releaseStackLocks();
  for (const child of children.splice(0)) child.kill('SIGKILL');
  await rm(directory, { recursive: true, force: true });
});

/** Another live process (a `sleep`) recorded as the holder, the way its own acquireStackLock would have. */
async function holdElsewhere(command: string, processStart?: string): Promise<ChildProcess> {
  const child = spawn('sleep', ['60'], { stdio: 'ignore' });
  children.push(child);
  await new Promise((resolve) => child.once('spawn', resolve));
  // Create the table through the module, then write the other process's row.
  (await acquireStackLock(paths, { command: 'setup' })).release();
  const database = new Database(paths.stateDatabase);
  const start = processStart ?? (await import('node:fs')).readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1]!.split(' ')[19]!;
  database
    .prepare('INSERT INTO operation_lock (id, token, command, pid, host, process_start, started_at) VALUES (1, ?, ?, ?, ?, ?, ?)')
    .run('other', command, child.pid, os.hostname(), start, '2026-12-01T10:00:00.123Z');
  database.close();
  return child;
}

describe('the stack lock', () => {
  it('with --no-wait refuses at once, naming the command, its pid and when it started', async () => {
    const other = await holdElsewhere('deploy');
    await expect(acquireStackLock(paths, { command: 'down', wait: false })).rejects.toMatchObject({
      code: 'AIS_RUNTIME_LOCKED',
      message: `another aistack command is changing this stack: deploy (pid ${other.pid}, started at 2026-12-01T10:00:00Z)`,
      hint: `wait for it to finish (without --no-wait the command waits), or stop it (\`kill ${other.pid}\`) and run the command again`,
    });
  });

  it('waits, saying for what, and takes the lock over once its holder is gone', async () => {
    const other = await holdElsewhere('deploy');
    const said: string[] = [];
    const waiting = acquireStackLock(paths, { command: 'rollback', pollMs: 20, say: (line) => said.push(line) });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(said).toEqual([`Waiting for deploy (pid ${other.pid}, started at 2026-12-01T10:00:00Z) to finish… (Ctrl-C stops waiting)`]);
    other.kill('SIGKILL');
    const lock = await waiting;
    expect(lock.holder).toMatchObject({ command: 'rollback', pid: process.pid });
    expect(said[1]).toBe(
      `Took over the lock of deploy (pid ${other.pid}, started at 2026-12-01T10:00:00Z): that process is gone (it did not finish; see \`aistack status\`).`,
    );
    lock.release();
  });

  it('takes over a lock whose pid now belongs to a process that started later', async () => {
    await holdElsewhere('deploy', '1');
    const said: string[] = [];
    const lock = await acquireStackLock(paths, { command: 'up', wait: false, say: (line) => said.push(line) });
    expect(said[0]).toMatch(/^Took over the lock of deploy/);
    lock.release();
  });

  it('holds against another operation of the same process too (serve: a console deploy and a scheduled backup)', async () => {
    const first = await acquireStackLock(paths, { command: 'console deploy' });
    await expect(acquireStackLock(paths, { command: 'backup (scheduled)', wait: false })).rejects.toMatchObject({
      code: 'AIS_RUNTIME_LOCKED',
      message: expect.stringContaining('another aistack command is changing this stack: console deploy (pid ') as unknown,
    });
    const said: string[] = [];
    let secondHeld = false;
    const second = acquireStackLock(paths, { command: 'backup (scheduled)', pollMs: 20, say: (line) => said.push(line) }).then((lock) => {
      secondHeld = true;
      return lock;
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(secondHeld).toBe(false);
    expect(said).toEqual([expect.stringMatching(/^Waiting for console deploy \(pid \d+, started at /)]);
    first.release();
    const lock = await second;
    const database = new Database(paths.stateDatabase);
    expect(database.prepare('SELECT command FROM operation_lock').all()).toEqual([{ command: 'backup (scheduled)' }]);
    lock.release();
    expect(database.prepare('SELECT command FROM operation_lock').all()).toEqual([]);
    database.close();
  });
});
