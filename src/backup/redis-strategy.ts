import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { BackupError } from '../errors.js';
import type { ArchivePart } from './archive-manifest.js';
import type { ArchiveWriter } from './archive-writer.js';
import type { Executor } from './executor.js';
import { runToText, toolFailed } from './executor.js';

/** How to reach one Redis server, read its RDB and put one back. */
export interface RedisTarget {
  readonly executor: Executor;
  /** `redis-cli` with its connection flags. */
  readonly cli: readonly string[];
  /** REDISCLI_AUTH and the like, passed by name. */
  readonly environment?: Readonly<Record<string, string>>;
  readonly user?: string;
  /** Replace the data file while the server is stopped; set an AOF directory aside so the RDB is what loads. */
  replaceDataFile(input: RedisDataFile): Promise<void>;
  stop(): Promise<void>;
  start(): Promise<void>;
}

const SAMPLE_SIZE = 16;
/** How long BGSAVE may take, and how long a scratch redis-server may take to load the RDB. */
const SAVE_MINUTES = 30;
const LOAD_MINUTES = 10;

/** The RDB to put back, and where; with AOF on, the RDB also becomes the base of a fresh AOF directory. */
export interface RedisDataFile {
  readonly directory: string;
  readonly fileName: string;
  readonly plain: Readable;
  readonly owner: string | undefined;
  readonly appendOnly: boolean;
  /** appenddirname (Redis 7+ multi-part AOF). */
  readonly appendDirectory: string;
  /** appendfilename: the base RDB is `<name>.1.base.rdb`, listed in `<name>.manifest`. */
  readonly appendFileName: string;
}

function options(target: RedisTarget, stdin = false) {
  return { ...(target.environment ? { environment: target.environment } : {}), ...(target.user ? { user: target.user } : {}), stdin };
}

async function cli(target: RedisTarget, ...args: string[]): Promise<string> {
  return (await runToText(target.executor, [...target.cli, ...args], options(target))).trim();
}

async function configValue(target: RedisTarget, name: string, fallback: string): Promise<string> {
  try {
    const lines = (await cli(target, 'CONFIG', 'GET', name)).split('\n');
    const value = lines[1]?.trim();
    return value === undefined || value === '' ? fallback : value;
  } catch {
    return fallback;
  }
}

/**
 * BGSAVE, wait until LASTSAVE moves past its old value (the RDB is written under a temporary name
 * and renamed, so the file is complete from then on), copy it aside, store the copy and record the
 * key count and a sample of key hashes by loading that copy into a scratch redis-server.
 */
export async function backupRedis(
  target: RedisTarget,
  writer: ArchiveWriter,
  service: string,
  volume: string | undefined,
): Promise<ArchivePart> {
  const directory = await configValue(target, 'dir', '/data');
  const fileName = await configValue(target, 'dbfilename', 'dump.rdb');
  const appendOnly = (await configValue(target, 'appendonly', 'no')) === 'yes';
  const appendDirectory = await configValue(target, 'appenddirname', 'appendonlydir');
  const appendFileName = await configValue(target, 'appendfilename', 'appendonly.aof');
  const before = Number(await cli(target, 'LASTSAVE'));
  // LASTSAVE has one-second resolution: start the save in a later second than the last one.
  for (let attempt = 0; attempt < 30; attempt += 1) {
    const now = Number((await cli(target, 'TIME')).split('\n')[0]);
    if (now > before) break;
    await sleep(100);
  }
  for (let attempt = 0; ; attempt += 1) {
    const reply = await cli(target, 'BGSAVE');
    if (!/in progress/i.test(reply)) break;
    if (attempt > 600)
      throw new BackupError('AIS_BACKUP_REDIS_SAVE_FAILED', {
        executor: target.executor.description,
        outcome: 'busy',
        hint: 'try again later',
      });
    await sleep(250);
  }
  const deadline = Date.now() + SAVE_MINUTES * 60_000;
  for (;;) {
    if (Number(await cli(target, 'LASTSAVE')) > before) break;
    const info = await cli(target, 'INFO', 'persistence');
    if (info.includes('rdb_last_bgsave_status:err') && !info.includes('rdb_bgsave_in_progress:1')) {
      throw new BackupError('AIS_BACKUP_REDIS_SAVE_FAILED', {
        executor: target.executor.description,
        outcome: 'failed',
        hint: 'read the redis log (disk full, or no permission on its data directory)',
      });
    }
    if (Date.now() > deadline)
      throw new BackupError('AIS_BACKUP_REDIS_SAVE_FAILED', {
        executor: target.executor.description,
        minutes: SAVE_MINUTES,
        hint: 'read the redis log',
      });
    await sleep(100);
  }
  const version = /redis_version:(\S+)/.exec(await cli(target, 'INFO', 'server'))?.[1] ?? 'unknown';
  const scratch = (await runToText(target.executor, ['mktemp', '-d'], options(target))).trim();
  try {
    const source = `${directory}/${fileName}`;
    await runToText(target.executor, ['cp', source, `${scratch}/dump.rdb`], options(target));
    const owner = (await runToText(target.executor, ['stat', '-c', '%u:%g', source], options(target)).catch(() => '')).trim() || undefined;
    const reader = target.executor.spawn(['cat', `${scratch}/dump.rdb`], options(target));
    const part = await writer.writePart(
      {
        name: `redis-${service}.rdb`,
        kind: 'redis-rdb',
        service,
        ...(volume ? { volume } : {}),
        tool: { name: 'redis', version },
        details: { directory, fileName, appendOnly, appendDirectory, appendFileName, ...(owner ? { owner } : {}) },
      },
      reader.stdout,
      { compress: true },
    );
    const result = await reader.done;
    if (result.code !== 0) throw toolFailed(target.executor, ['cat'], result);
    const check = await inspectRdb(target, scratch);
    writer.updatePart(part.file, { check });
    return { ...part, check };
  } finally {
    await runToText(target.executor, ['rm', '-rf', scratch], options(target)).catch(() => undefined);
  }
}

/** Stop redis, replace its RDB, start it and wait for PONG. */
export async function restoreRedis(target: RedisTarget, part: ArchivePart, plain: Readable): Promise<void> {
  const details = part.details ?? {};
  await target.stop();
  await target.replaceDataFile({
    directory: String(details.directory ?? '/data'),
    fileName: String(details.fileName ?? 'dump.rdb'),
    plain,
    owner: typeof details.owner === 'string' ? details.owner : undefined,
    appendOnly: details.appendOnly === true,
    appendDirectory: String(details.appendDirectory ?? 'appendonlydir'),
    appendFileName: String(details.appendFileName ?? 'appendonly.aof'),
  });
  await target.start();
}

/** Load the RDB into a scratch redis-server beside the real one and compare keys and sampled hashes. */
export async function verifyRedisDump(
  target: RedisTarget,
  plain: Readable,
  expected: { readonly keys: number; readonly sample: Readonly<Record<string, string>> },
): Promise<{ ok: boolean; message: string }> {
  const scratch = (await runToText(target.executor, ['mktemp', '-d'], options(target))).trim();
  try {
    const writerProcess = target.executor.spawn(['sh', '-c', 'cat > "$1"', 'sh', `${scratch}/dump.rdb`], options(target, true));
    writerProcess.stdout.resume();
    await pipeline(plain, writerProcess.stdin!);
    const result = await writerProcess.done;
    if (result.code !== 0) throw toolFailed(target.executor, ['sh'], result);
    const actual = await inspectRdb(target, scratch);
    const problems: string[] = [];
    if (actual.keys !== expected.keys) problems.push(`${actual.keys} keys, expected ${expected.keys}`);
    for (const [name, hash] of Object.entries(expected.sample)) {
      if (actual.sample[name] === undefined) {
        const single = await inspectRdb(target, scratch, [name]);
        if (single.sample[name] !== hash) problems.push(`key ${JSON.stringify(name)} differs`);
      } else if (actual.sample[name] !== hash) problems.push(`key ${JSON.stringify(name)} differs`);
    }
    return problems.length === 0
      ? { ok: true, message: `${actual.keys} keys, ${Object.keys(expected.sample).length} sampled keys match` }
      : { ok: false, message: problems.join('; ') };
  } finally {
    await runToText(target.executor, ['rm', '-rf', scratch], options(target)).catch(() => undefined);
  }
}

/** Start `redis-server` on a unix socket in `directory` (no TCP, no saving), read key count and sample, stop it. */
async function inspectRdb(
  target: RedisTarget,
  directory: string,
  keys?: readonly string[],
): Promise<{ kind: 'redis-keys'; keys: number; sample: Record<string, string> }> {
  const socket = `${directory}/redis.sock`;
  const server = target.executor.spawn(
    [
      'redis-server',
      '--port',
      '0',
      '--unixsocket',
      socket,
      '--unixsocketperm',
      '700',
      '--dir',
      directory,
      '--dbfilename',
      'dump.rdb',
      '--save',
      '',
      '--appendonly',
      'no',
      '--daemonize',
      'no',
    ],
    options(target),
  );
  server.stdout.resume();
  const scratchCli = async (...args: string[]): Promise<string> =>
    runToText(target.executor, ['redis-cli', '-s', socket, ...args], options(target));
  try {
    const deadline = Date.now() + LOAD_MINUTES * 60_000;
    for (;;) {
      const pong = await scratchCli('PING').catch(() => '');
      if (pong.trim() === 'PONG') break;
      const exited = await Promise.race([server.done.then(() => true), sleep(100).then(() => false)]);
      if (exited)
        throw new BackupError('AIS_BACKUP_REDIS_LOAD_FAILED', {
          executor: target.executor.description,
          hint: 'the RDB is damaged, or redis-server is missing there',
        });
      if (Date.now() > deadline)
        throw new BackupError('AIS_BACKUP_REDIS_LOAD_FAILED', {
          minutes: LOAD_MINUTES,
          hint: 'the RDB is very large; retry',
        });
    }
    const count = Number((await scratchCli('DBSIZE')).trim());
    const names =
      keys ??
      (await scratchCli('SCAN', '0', 'COUNT', '1000'))
        .split('\n')
        .slice(1)
        .filter((name) => name !== '')
        .sort()
        .slice(0, SAMPLE_SIZE);
    const sample: Record<string, string> = {};
    for (const name of names) {
      const dump = await runDump(target, socket, name);
      if (dump) sample[name] = dump;
    }
    return { kind: 'redis-keys', keys: count, sample };
  } finally {
    await scratchCli('SHUTDOWN', 'NOSAVE').catch(() => undefined);
    const timer = setTimeout(() => server.kill(), 5000);
    await server.done.catch(() => undefined);
    clearTimeout(timer);
  }
}

async function runDump(target: RedisTarget, socket: string, name: string): Promise<string | undefined> {
  const child = target.executor.spawn(['redis-cli', '-s', socket, '--no-raw', 'DUMP', name], options(target));
  const hash = createHash('sha256');
  let bytes = 0;
  child.stdout.on('data', (chunk: Buffer) => {
    bytes += chunk.length;
    hash.update(chunk);
  });
  const result = await child.done;
  return result.code === 0 && bytes > 0 ? hash.digest('hex') : undefined;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
