import { createWriteStream } from 'node:fs';
import { chown, rename, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { syncFile } from './archive-writer.js';

/**
 * Put a file in place on this host: write a temporary sibling, fsync, rename over the target, so a
 * failure half-way leaves the old file. An AOF directory is moved aside (not deleted) so the RDB
 * is what the server loads.
 */
export async function replaceHostDataFile(input: { readonly directory: string; readonly fileName: string; readonly plain: Readable; readonly owner: string | undefined; readonly appendOnly: boolean }): Promise<void> {
  const target = path.join(input.directory, input.fileName);
  const temporary = `${target}.aistack-restore`;
  await pipeline(input.plain, createWriteStream(temporary, { mode: 0o600 }));
  await syncFile(temporary);
  if (input.owner && process.getuid?.() === 0) {
    const [uid, gid] = input.owner.split(':').map(Number);
    if (uid !== undefined && gid !== undefined && !Number.isNaN(uid) && !Number.isNaN(gid)) await chown(temporary, uid, gid);
  }
  if (input.appendOnly) {
    const aof = path.join(input.directory, 'appendonlydir');
    const exists = await stat(aof).then(() => true, () => false);
    if (exists) await rename(aof, `${aof}.before-restore-${Date.now()}`);
  }
  await rename(temporary, target);
  await syncFile(input.directory);
}
