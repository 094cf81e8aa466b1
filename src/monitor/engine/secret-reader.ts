import { readFile, stat } from 'node:fs/promises';

/** Reads a secret file, again whenever it was replaced: a rotation renames a new one into place, and the next probe must use it. */
export function createSecretReader(): (file: string) => Promise<string> {
  const cache = new Map<string, { value: string; version: string }>();
  return async (file) => {
    const info = await stat(file);
    const version = `${info.ino}:${info.mtimeMs}:${info.size}`;
    const cached = cache.get(file);
    if (cached?.version === version) return cached.value;
    const value = (await readFile(file, 'utf8')).replace(/\r?\n$/, '');
    cache.set(file, { value, version });
    return value;
  };
}
