import path from 'node:path';
import { ManifestError } from '../errors.js';
import type { RenderedFile } from '../render/types.js';
import { readFileIfExists } from '../util/read-file-if-exists.js';
import { ensureDirectory, writeFileAtomic } from '../util/write-file-atomic.js';

export interface WriteResult {
  readonly path: string;
  readonly status: 'created' | 'updated' | 'unchanged';
}

/** Rendered directories are read by other users (nginx's workers read ./proxy): 0755 whatever the umask. */
const DIRECTORY_MODE = 0o755;

/** Write rendered files under a directory: each atomically (temp + rename), untouched when the bytes are the same. */
export async function writeRenderedFiles(directory: string, files: readonly RenderedFile[]): Promise<WriteResult[]> {
  const results: WriteResult[] = [];
  for (const file of files) {
    const target = path.join(directory, file.path);
    const previous = await readFileIfExists(
      target,
      (error) =>
        new ManifestError('AIS_RENDER_WRITE_FAILED', {
          operation: 'read',
          path: target,
          reason: error.message,
          hint: `make ${path.dirname(target)} writable by the user running aistack (or move ${target} aside), then run \`aistack render\``,
          cause: error,
        }),
    );
    if (previous === file.content) {
      results.push({ path: file.path, status: 'unchanged' });
      continue;
    }
    try {
      await ensureDirectory(path.dirname(target), DIRECTORY_MODE);
      await writeFileAtomic(target, file.content, file.mode ?? 0o644);
    } catch (error: unknown) {
      throw new ManifestError('AIS_RENDER_WRITE_FAILED', {
        operation: 'write',
        path: target,
        reason: (error as Error).message,
        hint: `make ${path.dirname(target)} writable by the user running aistack, then run \`aistack render\``,
        cause: error,
      });
    }
    results.push({ path: file.path, status: previous === undefined ? 'created' : 'updated' });
  }
  return results;
}
