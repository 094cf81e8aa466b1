import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isMissingFile } from '../../src/util/is-missing-file.js';
import { readFileIfExists } from '../../src/util/read-file-if-exists.js';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'aistack-read-if-exists-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const wrap = (error: NodeJS.ErrnoException): Error => new Error(`wrapped ${error.code}`);

describe('readFileIfExists', () => {
  it('returns the text of a file that exists', async () => {
    await writeFile(path.join(root, 'present'), 'text\n');
    expect(await readFileIfExists(path.join(root, 'present'), wrap)).toBe('text\n');
  });

  it('returns undefined only when the file does not exist', async () => {
    expect(await readFileIfExists(path.join(root, 'absent'), wrap)).toBeUndefined();
  });

  it('throws the caller’s error for any other read error (a directory where the file should be)', async () => {
    await mkdir(path.join(root, 'directory'));
    await expect(readFileIfExists(path.join(root, 'directory'), wrap)).rejects.toThrow('wrapped EISDIR');
  });

  it('throws the caller’s error when a parent is a file (ENOTDIR is not "missing")', async () => {
    await writeFile(path.join(root, 'file'), '');
    await expect(readFileIfExists(path.join(root, 'file', 'child'), wrap)).rejects.toThrow('wrapped ENOTDIR');
  });
});

describe('isMissingFile', () => {
  it('is true for ENOENT and nothing else', () => {
    expect(isMissingFile(Object.assign(new Error('x'), { code: 'ENOENT' }))).toBe(true);
    for (const code of ['EACCES', 'EPERM', 'EISDIR', 'ENOTDIR', 'EIO', undefined]) {
      expect(isMissingFile(Object.assign(new Error('x'), { code })), String(code)).toBe(false);
    }
    expect(isMissingFile(undefined)).toBe(false);
    expect(isMissingFile('ENOENT')).toBe(false);
  });
});
