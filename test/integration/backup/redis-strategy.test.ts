import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkArchiveChecksums, openPart, readArchive } from '../../../src/backup/archive-reader.js';
import { createArchiveWriter } from '../../../src/backup/archive-writer.js';
import { createHostExecutor } from '../../../src/backup/executor.js';
import { replaceHostDataFile } from '../../../src/backup/host-files.js';
import type { RedisTarget } from '../../../src/backup/redis-strategy.js';
import { backupRedis, restoreRedis, verifyRedisDump } from '../../../src/backup/redis-strategy.js';
import type { TestRedis } from '../../backup/support/servers.js';
import { startTestRedis } from '../../backup/support/servers.js';

let redis: TestRedis;
let directory: string;
let target: RedisTarget;
const key = randomBytes(32);

beforeAll(async () => {
  redis = await startTestRedis();
  directory = await mkdtemp(path.join(os.tmpdir(), 'aistack-backup-'));
  target = {
    executor: createHostExecutor(),
    cli: ['redis-cli', '-h', '127.0.0.1', '-p', String(redis.port)],
    replaceDataFile: replaceHostDataFile,
    stop: () => redis.stop(),
    start: () => redis.start(),
  };
});

afterAll(async () => {
  await redis?.destroy();
  await rm(directory, { recursive: true, force: true });
});

describe('redis strategy', () => {
  it('saves with BGSAVE, restores the same keys after they were destroyed, and verify loads the RDB in a scratch server', async () => {
    for (let index = 0; index < 50; index += 1) await redis.cli('SET', `key:${index}`, `value ${index}`);
    await redis.cli('HSET', 'profile', 'name', 'Ada', 'lang', 'en');
    const writer = await createArchiveWriter({
      backupsDirectory: directory,
      key,
      now: new Date('2026-11-26T20:00:00Z'),
      trigger: 'manual',
      stack: { name: 't', manifestSha256: 'x' },
      aistackVersion: '0',
      selection: [],
    });
    const part = await backupRedis(target, writer, 'redis', 'redis-data');
    expect(part.check?.kind).toBe('redis-keys');
    const check = part.check as { keys: number; sample: Record<string, string> };
    expect(check.keys).toBe(51);
    expect(Object.keys(check.sample)).toHaveLength(16);
    const { manifest } = await writer.commit();
    const entry = await readArchive(directory, manifest.id);
    await checkArchiveChecksums(entry);

    await redis.cli('FLUSHALL');
    await redis.cli('SET', 'intruder', '1');
    await restoreRedis(target, entry.manifest.parts[0]!, openPart(entry, entry.manifest.parts[0]!, key));
    expect(await redis.cli('DBSIZE')).toBe('51');
    expect(await redis.cli('GET', 'key:42')).toBe('value 42');
    expect(await redis.cli('HGET', 'profile', 'name')).toBe('Ada');
    expect(await redis.cli('EXISTS', 'intruder')).toBe('0');

    const verdict = await verifyRedisDump(target, openPart(entry, entry.manifest.parts[0]!, key), check);
    expect(verdict).toEqual({ ok: true, message: '51 keys, 16 sampled keys match' });
    const wrong = await verifyRedisDump(target, openPart(entry, entry.manifest.parts[0]!, key), {
      keys: 52,
      sample: { 'key:1': 'f'.repeat(64) },
    });
    expect(wrong).toEqual({ ok: false, message: '51 keys, expected 52; key "key:1" differs' });
  });
});

describe('redis strategy with AOF on', () => {
  it('makes the restored RDB the base of a fresh AOF directory, since Redis 7 would ignore dump.rdb', async () => {
    const aof = await startTestRedis({ appendOnly: true });
    try {
      const aofTarget: RedisTarget = {
        ...target,
        cli: ['redis-cli', '-h', '127.0.0.1', '-p', String(aof.port)],
        stop: () => aof.stop(),
        start: () => aof.start(),
      };
      await aof.cli('SET', 'kept', 'yes');
      const writer = await createArchiveWriter({
        backupsDirectory: directory,
        key,
        now: new Date(),
        trigger: 'manual',
        stack: { name: 't', manifestSha256: 'x' },
        aistackVersion: '0',
        selection: [],
      });
      const part = await backupRedis(aofTarget, writer, 'redis', 'redis-data');
      expect(part.details).toMatchObject({ appendOnly: true, appendDirectory: 'appendonlydir', appendFileName: 'appendonly.aof' });
      const { manifest } = await writer.commit();
      const entry = await readArchive(directory, manifest.id);
      await aof.cli('FLUSHALL');
      await aof.cli('SET', 'intruder', '1');
      await restoreRedis(aofTarget, entry.manifest.parts[0]!, openPart(entry, entry.manifest.parts[0]!, key));
      expect(await aof.cli('GET', 'kept')).toBe('yes');
      expect(await aof.cli('EXISTS', 'intruder')).toBe('0');
    } finally {
      await aof.destroy();
    }
  });
});
