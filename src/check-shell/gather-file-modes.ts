import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { ComposeModel } from '../check/model/compose-model.js';
import { isRecord } from '../check/model/compose-model.js';
import type { FileModeFact } from '../check/types.js';

/** Modes of the files named by top-level `secrets: {file: …}`. */
export async function gatherFileModes(compose: ComposeModel, directory: string): Promise<FileModeFact[]> {
  const secrets = compose.root.secrets;
  if (!isRecord(secrets)) return [];
  const facts: FileModeFact[] = [];
  for (const value of Object.values(secrets)) {
    const file = isRecord(value) ? value.file : undefined;
    if (typeof file !== 'string') continue;
    const resolved = path.resolve(directory, file);
    const info = await stat(resolved).catch(() => undefined);
    if (info?.isFile()) facts.push({ source: file, mode: info.mode & 0o777, enclosed: await isEnclosed(resolved, directory) });
  }
  return facts;
}

/** Whether a directory from the file's parent up to `root` (inclusive) has no search bit for group and others. */
async function isEnclosed(file: string, root: string): Promise<boolean> {
  const top = path.resolve(root);
  for (let current = path.dirname(file); current.startsWith(top); current = path.dirname(current)) {
    const info = await stat(current).catch(() => undefined);
    if (info && (info.mode & 0o011) === 0) return true;
    if (current === top) break;
  }
  return false;
}
