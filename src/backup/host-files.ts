import { createWriteStream } from 'node:fs';
import { chown, copyFile, mkdir, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { syncFile } from './archive-writer.js';
import type { RedisDataFile } from './redis-strategy.js';

/**
 * Put a file in place on this host: write a temporary sibling, fsync, rename over the target, so a
 * failure half-way leaves the old file. With AOF on, Redis 7 ignores dump.rdb and an empty AOF
 * directory starts empty, so the old AOF directory is moved aside (not deleted) and a new one is
 * made whose manifest names the restored RDB as its base.
 */
export async function replaceHostDataFile(input: RedisDataFile): Promise<void> {
  const target = path.join(input.directory, input.fileName);
  const temporary = `${target}.aistack-restore`;
  await pipeline(input.plain, createWriteStream(temporary, { mode: 0o600 }));
  await syncFile(temporary);
  if (input.owner && process.getuid?.() === 0) {
    const [uid, gid] = input.owner.split(':').map(Number);
    if (uid !== undefined && gid !== undefined && !Number.isNaN(uid) && !Number.isNaN(gid)) await chown(temporary, uid, gid);
  }
  if (input.appendOnly) {
    const aof = path.join(input.directory, input.appendDirectory);
    const exists = await stat(aof).then(
      () => true,
      () => false,
    );
    if (exists) await rename(aof, `${aof}.before-restore-${Date.now()}`);
    await mkdir(aof, { mode: 0o700 });
    await copyFile(temporary, path.join(aof, `${input.appendFileName}.1.base.rdb`));
    await writeFile(path.join(aof, `${input.appendFileName}.manifest`), `file ${input.appendFileName}.1.base.rdb seq 1 type b\n`);
  }
  await rename(temporary, target);
  await syncFile(input.directory);
}
