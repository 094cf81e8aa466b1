import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The pure core (manifest, catalog, stack, render, check: rules, models, reporters) takes and returns data: no file
 * system, processes, network, Docker, SQLite, clock or randomness. I/O lives in the shell.
 */
const root = path.resolve(import.meta.dirname, '../..');
const PURE = ['src/manifest', 'src/catalog', 'src/stack', 'src/render', 'src/check', 'src/upgrade'];
const FORBIDDEN_IMPORTS =
  /from\s+['"](node:)?(fs|fs\/promises|child_process|net|tls|http|https|dgram|os)['"]|from\s+['"](dockerode|better-sqlite3|pg|ioredis)['"]/;
const FORBIDDEN_CALLS =
  /\bMath\.random\(|\bDate\.now\(|\bnew Date\(\)|\bprocess\.(env|cwd|argv)\b|\b(randomBytes|randomUUID|randomInt|getRandomValues)\(/;

async function sourceFiles(directory: string): Promise<string[]> {
  const entries = await readdir(path.join(root, directory), { withFileTypes: true, recursive: true }).catch(() => []);
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)));
}

describe('pure core', () => {
  it('imports no I/O module and reads no clock, environment or randomness', async () => {
    const offenders: string[] = [];
    for (const directory of PURE) {
      for (const file of await sourceFiles(directory)) {
        const text = await readFile(path.join(root, file), 'utf8');
        text.split('\n').forEach((line, index) => {
          if (FORBIDDEN_IMPORTS.test(line) || FORBIDDEN_CALLS.test(line)) offenders.push(`${file}:${index + 1}: ${line.trim()}`);
        });
      }
    }
    expect(offenders).toEqual([]);
  });
});
