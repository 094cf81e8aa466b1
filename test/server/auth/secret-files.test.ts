import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAdminCredentials } from '../../../src/server/auth/admin-credentials.js';
import { loadMetricsToken } from '../../../src/server/auth/metrics-token.js';

let directory: string;
beforeAll(async () => {
  directory = await mkdtemp(path.join(os.tmpdir(), 'aistack-secret-files-'));
});
afterAll(async () => rm(directory, { recursive: true, force: true }));

describe('loadAdminCredentials', () => {
  it('hashes the password from the file and verifies user and password', async () => {
    const file = path.join(directory, 'password');
    await writeFile(file, 'pa55word-from-file\n');
    const admin = await loadAdminCredentials({ passwordFile: file, cost: 4 });
    expect(admin.user).toBe('admin');
    expect(await admin.verify('admin', 'pa55word-from-file')).toBe(true);
    expect(await admin.verify('admin', 'pa55word-from-file\n')).toBe(false);
    expect(await admin.verify('Admin', 'pa55word-from-file')).toBe(false);
  });

  it('accepts a file that already holds a bcrypt hash', async () => {
    const file = path.join(directory, 'hash');
    // bcrypt hash of "hunter2" (cost 4).
    await writeFile(file, '$2b$04$8P57yFBykblbF1D1tnH9GeyM3EHV09NEBgZ1oGni3NK7dIlPQVg3q\n');
    const admin = await loadAdminCredentials({ passwordFile: file });
    expect(await admin.verify('admin', 'hunter2')).toBe(true);
  });

  it('says which file is missing or empty, never its content', async () => {
    await expect(loadAdminCredentials({ passwordFile: path.join(directory, 'nope') })).rejects.toMatchObject({
      code: 'AIS_SERVER_PASSWORD_FILE',
      message: `cannot read the admin password file ${path.join(directory, 'nope')}`,
    });
    const empty = path.join(directory, 'empty');
    await writeFile(empty, '\n');
    await expect(loadAdminCredentials({ passwordFile: empty })).rejects.toMatchObject({
      code: 'AIS_SERVER_PASSWORD_FILE',
      message: `the admin password file ${empty} is empty`,
    });
  });
});

describe('loadMetricsToken', () => {
  it('reads the token without its trailing newline', async () => {
    const file = path.join(directory, 'token');
    await writeFile(file, 'abc123\n');
    expect(await loadMetricsToken(file)).toBe('abc123');
  });

  it('fails with AIS_SERVER_METRICS_TOKEN_FILE for a missing file', async () => {
    await expect(loadMetricsToken(path.join(directory, 'missing'))).rejects.toMatchObject({ code: 'AIS_SERVER_METRICS_TOKEN_FILE' });
  });
});
