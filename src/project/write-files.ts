import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { RenderedFile } from '../render/types.js';

export interface WriteResult {
  readonly path: string;
  readonly status: 'created' | 'updated' | 'unchanged';
}

/** Write rendered files under a directory: each atomically (temp + rename), untouched when the bytes are the same. */
export async function writeRenderedFiles(directory: string, files: readonly RenderedFile[]): Promise<WriteResult[]> {
  const results: WriteResult[] = [];
  for (const file of files) {
    const target = path.join(directory, file.path);
    const previous = await readFile(target, 'utf8').catch(() => undefined);
    if (previous === file.content) {
      results.push({ path: file.path, status: 'unchanged' });
      continue;
    }
    await mkdir(path.dirname(target), { recursive: true });
    const temporary = `${target}.${process.pid}.tmp`;
    await writeFile(temporary, file.content, { mode: file.mode ?? 0o644 });
    await chmod(temporary, file.mode ?? 0o644);
    await rename(temporary, target);
    results.push({ path: file.path, status: previous === undefined ? 'created' : 'updated' });
  }
  return results;
}
