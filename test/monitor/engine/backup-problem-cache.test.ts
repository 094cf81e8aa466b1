import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBackupProblemCache } from '../../../src/monitor/engine/backup-problem-cache.js';

describe('createBackupProblemCache', () => {
  let directory: string;
  beforeEach(async () => {
    directory = await mkdtemp(path.join(os.tmpdir(), 'aistack-backup-problem-'));
  });
  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('has no problem without backup settings', async () => {
    expect(await createBackupProblemCache({ backup: undefined, now: () => 0, startedAt: 0, onError: () => undefined })()).toBeUndefined();
  });

  it('reports the last failure, and reads status.json again only after a minute', async () => {
    let clock = Date.UTC(2026, 10, 26, 4);
    const read = createBackupProblemCache({
      backup: { directory, schedule: '0 3 * * *' },
      now: () => clock,
      startedAt: clock,
      onError: () => undefined,
    });
    expect(await read()).toBeUndefined();
    await writeFile(
      path.join(directory, 'status.json'),
      JSON.stringify({ last: { ok: false, at: '2026-11-26T03:00:00Z', message: 'disk full' } }),
    );
    clock += 59_000;
    expect(await read()).toBeUndefined();
    clock += 2_000;
    expect(await read()).toBe('last backup failed: disk full');
  });

  it('makes an unreadable status.json the problem, and reports the error', async () => {
    await writeFile(path.join(directory, 'status.json'), '{ not json');
    const errors: unknown[] = [];
    const problem = await createBackupProblemCache({
      backup: { directory, schedule: undefined },
      now: () => 0,
      startedAt: 0,
      onError: (error) => errors.push(error),
    })();
    expect(problem).toMatch(/^backup status cannot be read: /);
    expect(errors).toHaveLength(1);
  });
});
