import { lstat, mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeRenderedFiles } from '../../src/project/write-files.js';

let root: string;
let outside: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'aistack-write-'));
  outside = await mkdtemp(path.join(os.tmpdir(), 'aistack-outside-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
  await rm(outside, { recursive: true, force: true });
});

describe('writeRenderedFiles', () => {
  it('writes, then reports unchanged files without touching them', async () => {
    const files = [{ path: 'compose.yaml', content: 'services: {}\n' }];
    expect(await writeRenderedFiles(root, files)).toEqual([{ path: 'compose.yaml', status: 'created' }]);
    expect(await writeRenderedFiles(root, files)).toEqual([{ path: 'compose.yaml', status: 'unchanged' }]);
    expect(await writeRenderedFiles(root, [{ path: 'compose.yaml', content: 'x\n' }])).toEqual([
      { path: 'compose.yaml', status: 'updated' },
    ]);
  });

  it('never follows a symlink planted where a temporary file could be', async () => {
    const victim = path.join(outside, 'victim');
    await writeFile(victim, 'do not touch\n');
    // The old temporary name was predictable: <file>.<pid>.tmp.
    await symlink(victim, path.join(root, `compose.yaml.${process.pid}.tmp`));
    await writeRenderedFiles(root, [{ path: 'compose.yaml', content: 'services: {}\n' }]);
    expect(await readFile(victim, 'utf8')).toBe('do not touch\n');
    expect((await lstat(path.join(root, 'compose.yaml'))).isFile()).toBe(true);
    expect(await readFile(path.join(root, 'compose.yaml'), 'utf8')).toBe('services: {}\n');
    // Nothing is left behind but the planted link.
    expect((await readdir(root)).sort()).toEqual(['compose.yaml', `compose.yaml.${process.pid}.tmp`]);
  });

  it('creates directories 0755 and files with their mode, whatever the umask', async () => {
    const previous = process.umask(0o077);
    try {
      await writeRenderedFiles(root, [
        { path: 'proxy/snippets/headers.conf', content: 'x\n' },
        { path: 'proxy/errors/page.html', content: 'y\n', mode: 0o644 },
      ]);
    } finally {
      process.umask(previous);
    }
    for (const directory of ['proxy', 'proxy/snippets', 'proxy/errors']) {
      expect(((await stat(path.join(root, directory))).mode & 0o777).toString(8), directory).toBe('755');
    }
    expect(((await stat(path.join(root, 'proxy/snippets/headers.conf'))).mode & 0o777).toString(8)).toBe('644');
  });

  it('leaves the mode of directories that already exist alone', async () => {
    await mkdir(path.join(root, 'private'), { mode: 0o700 });
    await writeRenderedFiles(root, [{ path: 'private/file', content: 'x\n' }]);
    expect(((await stat(path.join(root, 'private'))).mode & 0o777).toString(8)).toBe('700');
  });
});
