import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');

async function listFiles(directory: string, suffix: string): Promise<string[]> {
  const entries = await readdir(directory, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile() && entry.name.endsWith(suffix)).map((entry) => path.join(entry.parentPath, entry.name));
}

async function codesInSource(): Promise<Set<string>> {
  const codes = new Set<string>();
  for (const file of await listFiles(path.join(root, 'src'), '.ts')) {
    for (const match of (await readFile(file, 'utf8')).matchAll(/['"`](AIS_[A-Z0-9_]+)['"`]/g)) codes.add(match[1]!);
  }
  return codes;
}

async function codesInDocs(): Promise<Set<string>> {
  const codes = new Set<string>();
  for (const file of await listFiles(path.join(root, 'docs/errors'), '.md')) {
    for (const match of (await readFile(file, 'utf8')).matchAll(/^\|\s*`?(AIS_[A-Z0-9_]+)`?\s*\|/gm)) codes.add(match[1]!);
  }
  return codes;
}

describe('error codes', () => {
  it('every code raised in src/ has a row in docs/errors/, and every documented code exists', async () => {
    const source = await codesInSource();
    const docs = await codesInDocs();
    expect([...source].filter((code) => !docs.has(code)).sort()).toEqual([]);
    expect([...docs].filter((code) => !source.has(code)).sort()).toEqual([]);
  });
});
