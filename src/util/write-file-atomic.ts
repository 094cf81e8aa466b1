import { randomBytes } from 'node:crypto';
import { chmod, mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';

/**
 * Replace `file` with `content` atomically: a temporary file with a random name in the same
 * directory, created exclusively (O_CREAT|O_EXCL, which never follows a symlink planted there),
 * its mode set explicitly (not left to the umask), synced, then renamed over the target. A
 * symlink at the target itself is replaced, not followed.
 */
export async function writeFileAtomic(file: string, content: string | Uint8Array, mode: number): Promise<void> {
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(8).toString('hex')}.tmp`);
  const handle = await open(temporary, 'wx', mode);
  try {
    try {
      await handle.writeFile(content);
      await handle.chmod(mode);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, file);
  } catch (error: unknown) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/**
 * `mkdir -p` whose new directories get exactly `mode` whatever the umask (mkdir's mode is masked
 * by it: umask 077 would make the proxy's config unreadable to nginx's workers). Directories that
 * already exist keep theirs.
 */
export async function ensureDirectory(directory: string, mode: number): Promise<void> {
  const first = await mkdir(directory, { recursive: true, mode });
  if (first === undefined) return;
  const created: string[] = [];
  for (let current = path.resolve(directory); ; current = path.dirname(current)) {
    created.push(current);
    if (current === path.resolve(first) || path.dirname(current) === current) break;
  }
  for (const each of created.reverse()) await chmod(each, mode);
}
