import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../src/errors/error-codes.js';
import { renderErrorDocs } from '../../src/errors/render-error-docs.js';

const root = path.resolve(import.meta.dirname, '../..');
/** The declarations themselves name every code; a code counts as used only outside them. */
const declarations = path.join(root, 'src/errors');

async function listFiles(directory: string, suffix: string): Promise<string[]> {
  const entries = await readdir(directory, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile() && entry.name.endsWith(suffix)).map((entry) => path.join(entry.parentPath, entry.name));
}

async function codesInSource(): Promise<Set<string>> {
  const codes = new Set<string>();
  for (const file of await listFiles(path.join(root, 'src'), '.ts')) {
    if (file.startsWith(`${declarations}${path.sep}`)) continue;
    for (const match of (await readFile(file, 'utf8')).matchAll(/['"`](AIS_[A-Z0-9_]+)['"`]/g)) codes.add(match[1]!);
  }
  return codes;
}

describe('error codes', () => {
  it('docs/errors.md and docs/errors/*.md are what the declarations render (UPDATE_GOLDEN=1 rewrites them)', async () => {
    const rendered = renderErrorDocs();
    if (process.env.UPDATE_GOLDEN === '1') for (const file of rendered) await writeFile(path.join(root, file.path), file.text);
    for (const file of rendered) expect(await readFile(path.join(root, file.path), 'utf8'), file.path).toBe(file.text);
  });

  it('no page under docs/errors/ is left over from an area that is not declared', async () => {
    const pages = (await readdir(path.join(root, 'docs/errors'))).map((name) => `docs/errors/${name}`).sort();
    expect(pages).toEqual(
      renderErrorDocs()
        .map((file) => file.path)
        .filter((file) => file.startsWith('docs/errors/'))
        .sort(),
    );
  });

  it('every code used in src/ is declared under src/errors/codes/', async () => {
    expect([...(await codesInSource())].filter((code) => !Object.hasOwn(ERROR_CODES, code)).sort()).toEqual([]);
  });

  it('every declared code is used in src/, or marked retired', async () => {
    const used = await codesInSource();
    const unused = Object.entries(ERROR_CODES).filter(([code, declaration]) => declaration.retired !== true && !used.has(code));
    expect(unused.map(([code]) => code).sort()).toEqual([]);
  });
});
