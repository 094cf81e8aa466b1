import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import bcrypt from 'bcryptjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensureSecrets } from '../../src/secrets/ensure.js';
import { listSecretNames, readSecretMetadata } from '../../src/secrets/store.js';
import type { StackSecret } from '../../src/stack/types.js';

let root: string;
let directory: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'aistack-secrets-'));
  directory = path.join(root, '.aistack', 'secrets');
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const secret = (name: string, kind: StackSecret['kind'], extra: Partial<StackSecret> = {}): StackSecret => ({
  name,
  kind,
  protects: 'test',
  critical: false,
  usedBy: ['svc'],
  ...extra,
});
const secrets: StackSecret[] = [
  secret('n8n-encryption-key', 'hex32', { critical: true }),
  secret('postgres-dify_plugin-password', 'password'),
  secret('postgres-password', 'password'),
  secret('proxy-basic-auth', 'htpasswd'),
  secret('supabase-anon-key', 'supabase-anon-key'),
  secret('supabase-jwt-secret', 'jwt-secret'),
  secret('supabase-rest-db-uri', 'password', {
    derive: { from: 'postgres-password', template: 'postgres://authenticator:{value}@db:5432/postgres' },
  }),
];

describe('ensureSecrets', () => {
  it('writes every secret 0600 in a 0700 directory, with metadata that holds no value', async () => {
    const now = new Date('2026-11-26T20:00:00Z');
    expect(await ensureSecrets(directory, secrets, { now })).toEqual({ created: secrets.map((entry) => entry.name).sort(), kept: [] });
    expect((await stat(directory)).mode & 0o777).toBe(0o700);
    for (const name of await listSecretNames(directory)) expect((await stat(path.join(directory, name))).mode & 0o777, name).toBe(0o600);
    // Containers mount 0444 copies from mounted/ (0700), so images running as another user can read them.
    expect((await stat(path.join(directory, 'mounted'))).mode & 0o777).toBe(0o700);
    for (const name of await listSecretNames(directory)) {
      if (name === 'proxy-basic-auth') continue;
      expect((await stat(path.join(directory, 'mounted', name))).mode & 0o777, `mounted/${name}`).toBe(0o444);
      expect(await readFile(path.join(directory, 'mounted', name), 'utf8')).toBe(await readFile(path.join(directory, name), 'utf8'));
    }
    expect(await listSecretNames(directory)).toEqual(secrets.map((entry) => entry.name).sort());
    const value = await readFile(path.join(directory, 'postgres-password'), 'utf8');
    const metadata = await readFile(path.join(directory, 'postgres-password.meta.json'), 'utf8');
    expect(metadata).not.toContain(value);
    expect(await readSecretMetadata(directory, 'postgres-password')).toEqual({
      name: 'postgres-password',
      kind: 'password',
      created: '2026-11-26T20:00:00.000Z',
    });
    expect((await readdir(directory)).filter((entry) => entry.includes('.tmp-'))).toEqual([]);
  });

  it('never overwrites an existing secret (a database initialised with it would lock the stack out)', async () => {
    await ensureSecrets(directory, secrets);
    await writeFile(path.join(directory, 'postgres-password'), 'the-value-the-database-has', { mode: 0o600 });
    expect(await ensureSecrets(directory, secrets)).toEqual({ created: [], kept: secrets.map((entry) => entry.name).sort() });
    expect(await readFile(path.join(directory, 'postgres-password'), 'utf8')).toBe('the-value-the-database-has');
  });

  it('stores an htpasswd secret as the password, its bcrypt line (what nginx mounts) and the bearer map', async () => {
    await ensureSecrets(directory, secrets);
    const password = await readFile(path.join(directory, 'proxy-basic-auth'), 'utf8');
    const line = await readFile(path.join(directory, 'proxy-basic-auth.htpasswd'), 'utf8');
    expect(line).toMatch(/^admin:\$2b\$10\$/);
    expect(line).not.toContain(password);
    expect(bcrypt.compareSync(password, line.trim().slice(6))).toBe(true);
    expect((await stat(path.join(directory, 'proxy-basic-auth.htpasswd'))).mode & 0o777).toBe(0o644);
    expect(await readFile(path.join(directory, 'proxy-basic-auth.bearer'), 'utf8')).toBe(`"Bearer ${password}" 1;\n`);
    expect((await stat(path.join(directory, 'proxy-basic-auth.bearer'))).mode & 0o777).toBe(0o600);
  });

  it('rebuilds a lost htpasswd line from the password that is still there', async () => {
    await ensureSecrets(directory, secrets);
    await rm(path.join(directory, 'proxy-basic-auth.htpasswd'));
    await ensureSecrets(directory, secrets);
    const password = await readFile(path.join(directory, 'proxy-basic-auth'), 'utf8');
    expect(bcrypt.compareSync(password, (await readFile(path.join(directory, 'proxy-basic-auth.htpasswd'), 'utf8')).trim().slice(6))).toBe(
      true,
    );
  });

  it('writes derived secrets and Supabase keys after their sources', async () => {
    await ensureSecrets(directory, secrets);
    const password = await readFile(path.join(directory, 'postgres-password'), 'utf8');
    expect(await readFile(path.join(directory, 'supabase-rest-db-uri'), 'utf8')).toBe(
      `postgres://authenticator:${password}@db:5432/postgres`,
    );
    expect((await readFile(path.join(directory, 'supabase-anon-key'), 'utf8')).split('.')).toHaveLength(3);
  });
});
