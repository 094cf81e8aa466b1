import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DockerError, StoreError } from '../errors.js';
import type { ProjectPaths } from '../project/paths.js';
import { heldLocks as held } from './held-locks.js';

/** Who holds a stack's lock: the command, its process and when it began. */
export interface LockHolder {
  readonly command: string;
  readonly pid: number;
  readonly host: string;
  readonly startedAt: string;
}

export interface StackLockOptions {
  /** What the holder does, as whoever waits sees it: `deploy`, `secrets rotate`. */
  readonly command: string;
  /** Wait for the operation that holds the lock; false fails at once with AIS_RUNTIME_LOCKED. @default true */
  readonly wait?: boolean;
  /** Where the waiting and take-over notes go. */
  readonly say?: (line: string) => void;
  /** How often a waiting command looks again, in milliseconds. @default 250 */
  readonly pollMs?: number;
}

export interface StackLock {
  readonly holder: LockHolder;
  release(): void;
}

/**
 * One operation at a time per project: every command that changes the running stack holds this
 * lock while it works. It is a row in .aistack/state.db claimed in an IMMEDIATE transaction, so
 * two processes can never both take it, and taking over a stale one (its process gone, or its pid
 * reused by another program) is the same atomic step. Not re-entrant: a second operation of the
 * same process (serve's console and its backup schedule) waits or fails like any other.
 */
export async function acquireStackLock(paths: ProjectPaths, options: StackLockOptions): Promise<StackLock> {
  const file = paths.stateDatabase;
  const say = options.say ?? (() => undefined);
  const database = openLockDatabase(file);
  const self: StoredHolder = {
    token: randomUUID(),
    command: options.command,
    pid: process.pid,
    host: os.hostname(),
    processStart: readProcessStart(process.pid),
    startedAt: new Date().toISOString(),
  };
  const select = database.prepare('SELECT token, command, pid, host, process_start, started_at FROM operation_lock WHERE id = 1');
  const claim = database
    .prepare(
      'INSERT OR REPLACE INTO operation_lock (id, token, command, pid, host, process_start, started_at) VALUES (1, ?, ?, ?, ?, ?, ?)',
    )
    .bind(self.token, self.command, self.pid, self.host, self.processStart ?? null, self.startedAt);
  const attempt = database.transaction((): { busy?: StoredHolder; stale?: StoredHolder } => {
    const row = select.get() as LockRow | undefined;
    const current = row ? fromRow(row) : undefined;
    if (current && !isStale(current)) return { busy: current };
    claim.run();
    return current ? { stale: current } : {};
  });
  let waitingFor: string | undefined;
  try {
    for (;;) {
      const outcome = attempt.immediate();
      if (!outcome.busy) {
        if (outcome.stale)
          say(`Took over the lock of ${describeHolder(outcome.stale)}: that process is gone (it did not finish; see \`aistack status\`).`);
        break;
      }
      if (options.wait === false) {
        throw new DockerError('AIS_RUNTIME_LOCKED', {
          holder: describeHolder(outcome.busy),
          hint: `wait for it to finish (without --no-wait the command waits), or stop it (\`kill ${outcome.busy.pid}\`) and run the command again`,
        });
      }
      if (waitingFor !== outcome.busy.token) {
        waitingFor = outcome.busy.token;
        say(`Waiting for ${describeHolder(outcome.busy)} to finish… (Ctrl-C stops waiting)`);
      }
      await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 250));
    }
  } catch (error: unknown) {
    database.close();
    throw error;
  }
  const holder: LockHolder = { command: self.command, pid: self.pid, host: self.host, startedAt: self.startedAt };
  // A process that exits without releasing (process.exit after a second Ctrl-C) still frees it.
  const onExit = (): void => {
    release();
  };
  let released = false;
  const release = (): void => {
    if (released) return;
    released = true;
    process.off('exit', onExit);
    try {
      database.prepare('DELETE FROM operation_lock WHERE id = 1 AND token = ?').run(self.token);
    } finally {
      database.close();
    }
  };
  process.on('exit', onExit);
  held.set(self.token, { holder, release });
  return {
    holder,
    release: () => {
      held.delete(self.token);
      release();
    },
  };
}

/** Run `work` holding the stack lock; the lock is released however `work` ends. */
export async function withStackLock<T>(paths: ProjectPaths, options: StackLockOptions, work: () => Promise<T>): Promise<T> {
  const lock = await acquireStackLock(paths, options);
  try {
    return await work();
  } finally {
    lock.release();
  }
}

/** `deploy (pid 1234, started at 2026-12-01T10:00:00Z)`, with the host when it is another one. */
export function describeHolder(holder: LockHolder): string {
  const host = holder.host === os.hostname() ? '' : ` on ${holder.host}`;
  return `${holder.command} (pid ${holder.pid}${host}, started at ${holder.startedAt.replace(/\.\d+Z$/, 'Z')})`;
}

interface StoredHolder extends LockHolder {
  readonly token: string;
  readonly processStart: string | undefined;
}

interface LockRow {
  token: string;
  command: string;
  pid: number;
  host: string;
  process_start: string | null;
  started_at: string;
}

function fromRow(row: LockRow): StoredHolder {
  return {
    token: row.token,
    command: row.command,
    pid: row.pid,
    host: row.host,
    processStart: row.process_start ?? undefined,
    startedAt: row.started_at,
  };
}

/** Gone: on this host, and its pid is dead or now belongs to a process that started later. */
function isStale(holder: StoredHolder): boolean {
  if (holder.host !== os.hostname()) return false;
  if (!isAlive(holder.pid)) return true;
  const start = readProcessStart(holder.pid);
  return holder.processStart !== undefined && start !== undefined && start !== holder.processStart;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error: unknown) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Linux: the process's start time in clock ticks since boot (field 22 of /proc/<pid>/stat), which a reused pid does not share. */
function readProcessStart(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

function openLockDatabase(file: string): Database.Database {
  try {
    mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    const database = new Database(file);
    database.pragma('journal_mode = WAL');
    database.pragma('busy_timeout = 5000');
    database.exec(`CREATE TABLE IF NOT EXISTS operation_lock (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      token TEXT NOT NULL,
      command TEXT NOT NULL,
      pid INTEGER NOT NULL,
      host TEXT NOT NULL,
      process_start TEXT,
      started_at TEXT NOT NULL
    )`);
    return database;
  } catch (error: unknown) {
    throw new StoreError('AIS_STORE_OPEN_FAILED', {
      action: 'open the state database',
      file,
      reason: (error as Error).message,
      hint: 'check that .aistack/ is writable; if the file is corrupt, move it aside (history is lost, running containers are not)',
      cause: error,
    });
  }
}
