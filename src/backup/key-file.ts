import { randomBytes } from 'node:crypto';
import { chmod, mkdir, open, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { BackupError } from '../errors.js';
import type { ProjectPaths } from '../project/paths.js';
import { isMissingFile } from '../util/is-missing-file.js';

/** Where the backup key lives: AISTACK_BACKUP_KEY_FILE, else .aistack/backup.key — never inside an archive. */
export function resolveKeyPath(paths: ProjectPaths, environment: NodeJS.ProcessEnv = process.env): string {
  const override = environment.AISTACK_BACKUP_KEY_FILE;
  return override && override.trim() !== '' ? path.resolve(override) : path.join(paths.state, 'backup.key');
}

/** Read the 32-byte key (stored as 64 hex characters). */
export async function loadBackupKey(keyPath: string): Promise<Buffer> {
  let text: string;
  try {
    text = await readFile(keyPath, 'utf8');
  } catch (error: unknown) {
    if (isMissingFile(error)) {
      throw new BackupError('AIS_BACKUP_KEY_MISSING', {
        keyPath,
        hint: 'put back the key file from your safe copy, or point AISTACK_BACKUP_KEY_FILE at it',
        cause: error,
      });
    }
    throw new BackupError('AIS_BACKUP_KEY_UNREADABLE', {
      keyPath,
      reason: (error as Error).message,
      cause: error,
    });
  }
  const hex = text.trim();
  if (!/^[0-9a-f]{64}$/i.test(hex)) {
    throw new BackupError('AIS_BACKUP_KEY_INVALID', {
      keyPath,
      hint: 'restore the key file from your safe copy',
    });
  }
  return Buffer.from(hex, 'hex');
}

/** Load the key, creating it (0600) on the first backup. Returns whether it was created. */
export async function ensureBackupKey(keyPath: string): Promise<{ key: Buffer; created: boolean }> {
  let exists = true;
  try {
    await stat(keyPath);
  } catch (error: unknown) {
    if (!isMissingFile(error)) {
      throw new BackupError('AIS_BACKUP_KEY_UNREADABLE', {
        keyPath,
        reason: (error as Error).message,
        hint: 'make it readable by the user running aistack (0600); it is never replaced while it cannot be read',
        cause: error,
      });
    }
    exists = false;
  }
  if (exists) return { key: await loadBackupKey(keyPath), created: false };
  await mkdir(path.dirname(keyPath), { recursive: true, mode: 0o700 });
  const key = randomBytes(32);
  const handle = await open(keyPath, 'wx', 0o600);
  try {
    await handle.writeFile(`${key.toString('hex')}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await chmod(keyPath, 0o600);
  return { key, created: true };
}
