import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupStatus, recordBackupResult } from '../../src/backup/status.js';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'aistack-backup-status-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const now = new Date('2026-12-01T12:00:00Z');

describe('backup status', () => {
  it('reports no history when status.json does not exist', async () => {
    const status = await backupStatus(path.join(root, 'none'), undefined, now);
    expect(status).toMatchObject({ last: undefined, lastSuccessAt: undefined, problem: undefined });
  });

  it('reads back what recordBackupResult wrote', async () => {
    const directory = path.join(root, 'recorded');
    const result = { at: now.toISOString(), ok: true, archiveId: 'a1', verified: true, message: 'ok', sizeBytes: 1, removed: [] };
    await recordBackupResult(directory, result);
    expect((await backupStatus(directory, undefined, now)).last).toEqual(result);
  });

  it('refuses a damaged status.json with a coded error instead of reading it as no history', async () => {
    const directory = path.join(root, 'damaged');
    await mkdir(directory);
    await writeFile(path.join(directory, 'status.json'), '{"last": {"ok": fal');
    await expect(backupStatus(directory, undefined, now)).rejects.toMatchObject({
      code: 'AIS_BACKUP_STATUS_UNREADABLE',
      message: expect.stringMatching(/^\/.*\/damaged\/status\.json is not valid JSON \(/) as unknown,
    });
    await writeFile(path.join(directory, 'status.json'), 'null');
    await expect(backupStatus(directory, undefined, now)).rejects.toMatchObject({
      code: 'AIS_BACKUP_STATUS_UNREADABLE',
      message: `${path.join(directory, 'status.json')} is not a backup status object`,
    });
  });

  it('refuses a status.json that cannot be read (a directory in its place)', async () => {
    const directory = path.join(root, 'unreadable');
    await mkdir(path.join(directory, 'status.json'), { recursive: true });
    await expect(backupStatus(directory, undefined, now)).rejects.toMatchObject({
      code: 'AIS_BACKUP_STATUS_UNREADABLE',
      message: `cannot read ${path.join(directory, 'status.json')}: EISDIR: illegal operation on a directory, read`,
    });
  });
});
