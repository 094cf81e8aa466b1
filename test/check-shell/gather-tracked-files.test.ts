import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gatherTrackedFiles } from '../../src/check-shell/gather-tracked-files.js';

let directory: string;

beforeAll(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'aistack-check-git-'));
  await mkdir(path.join(directory, '.aistack/secrets'), { recursive: true });
  await writeFile(path.join(directory, '.aistack/secrets/postgres-password'), 'not-a-real-secret\n');
  await writeFile(path.join(directory, '.aistack/secrets/untracked'), 'x\n');
  await writeFile(path.join(directory, 'aistack.yaml'), 'name: ai\n');
  const git = (...args: string[]): void => {
    execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args], { cwd: directory, stdio: 'ignore' });
  };
  git('init', '-q');
  git('add', 'aistack.yaml', '.aistack/secrets/postgres-password');
  git('commit', '-qm', 'x');
});

afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe('gatherTrackedFiles', () => {
  it('lists the tracked files under a path, not the untracked ones', async () => {
    expect(await gatherTrackedFiles(directory, ['.aistack/secrets'])).toEqual(['.aistack/secrets/postgres-password']);
  });

  it('finds nothing outside a git work tree', async () => {
    const outside = await mkdtemp(path.join(tmpdir(), 'aistack-check-nogit-'));
    try {
      expect(await gatherTrackedFiles(outside, ['.aistack/secrets'])).toEqual([]);
    } finally {
      await rm(outside, { recursive: true, force: true });
    }
  });
});
