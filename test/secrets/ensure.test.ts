import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import bcrypt from 'bcryptjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeEnsureWarnings, ensureSecrets } from '../../src/secrets/ensure.js';
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
  consumers: [{ service: 'svc', owner: true, reads: 'at-start' }],
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
    expect(await ensureSecrets(directory, secrets, { now })).toEqual({
      created: secrets.map((entry) => entry.name).sort(),
      kept: [],
      tightened: [],
      pending: [],
    });
    expect((await stat(directory)).mode & 0o777).toBe(0o700);
    for (const name of await listSecretNames(directory)) expect((await stat(path.join(directory, name))).mode & 0o777, name).toBe(0o600);
    // Each consumer mounts its own directory of 0444 copies (inside the 0700 mounted/), so images running as another user can read them.
    expect((await stat(path.join(directory, 'mounted'))).mode & 0o777).toBe(0o700);
    expect((await stat(path.join(directory, 'mounted', 'svc'))).mode & 0o777).toBe(0o755);
    expect((await readdir(path.join(directory, 'mounted', 'svc'))).sort()).toEqual(secrets.map((entry) => entry.name).sort());
    for (const name of await listSecretNames(directory)) {
      const copy = path.join(directory, 'mounted', 'svc', name);
      expect((await stat(copy)).mode & 0o777, `mounted/svc/${name}`).toBe(0o444);
      // The proxy sees the hash of an htpasswd secret, never the password.
      const source = name === 'proxy-basic-auth' ? `${name}.htpasswd` : name;
      expect(await readFile(copy, 'utf8')).toBe(await readFile(path.join(directory, source), 'utf8'));
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
    expect(await ensureSecrets(directory, secrets)).toEqual({
      created: [],
      kept: secrets.map((entry) => entry.name).sort(),
      tightened: [],
      pending: [],
    });
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

  it('mounts the bearer-key map for the proxy 0600, and removes copies no consumer reads any more', async () => {
    const withBearer = secrets.map((entry) =>
      entry.name === 'proxy-basic-auth'
        ? { ...entry, bearer: true, consumers: [{ service: 'proxy', owner: true, reads: 'at-start' as const }] }
        : entry,
    );
    await ensureSecrets(directory, withBearer);
    const password = await readFile(path.join(directory, 'proxy-basic-auth'), 'utf8');
    expect((await readdir(path.join(directory, 'mounted', 'proxy'))).sort()).toEqual(['proxy-basic-auth', 'proxy-basic-auth-bearer']);
    expect(await readFile(path.join(directory, 'mounted', 'proxy', 'proxy-basic-auth-bearer'), 'utf8')).toBe(`"Bearer ${password}" 1;\n`);
    expect((await stat(path.join(directory, 'mounted', 'proxy', 'proxy-basic-auth-bearer'))).mode & 0o777).toBe(0o600);
    // svc stops reading postgres-password: its copy goes, the value stays.
    await ensureSecrets(
      directory,
      withBearer.map((entry) =>
        entry.name === 'postgres-password'
          ? { ...entry, consumers: [{ service: 'other', owner: true, reads: 'at-start' as const }] }
          : entry,
      ),
    );
    expect(await readdir(path.join(directory, 'mounted', 'svc'))).not.toContain('postgres-password');
    expect(await readdir(path.join(directory, 'mounted', 'other'))).toEqual(['postgres-password']);
    expect(await readFile(path.join(directory, 'postgres-password'), 'utf8')).toMatch(/^[A-Za-z0-9_-]{32}$/);
  });

  it('tightens a secret file others can read, and says so', async () => {
    await ensureSecrets(directory, secrets);
    await chmod(path.join(directory, 'postgres-password'), 0o644);
    const result = await ensureSecrets(directory, secrets);
    expect(result.tightened).toEqual(['postgres-password']);
    expect((await stat(path.join(directory, 'postgres-password'))).mode & 0o777).toBe(0o600);
    expect(describeEnsureWarnings(result)).toEqual([
      'warning: the secret files of postgres-password were readable by other users; they are 0600 now. Whoever could read ' +
        'them may know the values: `aistack secrets rotate <name>` replaces one',
    ]);
    expect((await ensureSecrets(directory, secrets)).tightened).toEqual([]);
  });

  it('refuses a symbolic link at a secret path instead of following it (the TLS key must not become a password)', async () => {
    await ensureSecrets(directory, secrets);
    const key = path.join(root, '.aistack', 'tls', 'live', 'privkey.pem');
    await mkdir(path.dirname(key), { recursive: true });
    await writeFile(key, '-----BEGIN PRIVATE KEY-----\n', { mode: 0o600 });
    await rm(path.join(directory, 'postgres-password'));
    await symlink('../tls/live/privkey.pem', path.join(directory, 'postgres-password'));
    const file = path.join(directory, 'postgres-password');
    await expect(ensureSecrets(directory, secrets)).rejects.toMatchObject({
      code: 'AIS_SECRETS_NOT_REGULAR',
      message:
        `${file} is a symbolic link; secret files must be regular files, so that a link cannot make another file (a TLS key, ` +
        `another project's secret) stand in for a secret`,
    });
    expect(await readFile(key, 'utf8')).toBe('-----BEGIN PRIVATE KEY-----\n');
  });

  it('leaves the copies of a secret whose rotation did not finish, and says so', async () => {
    await ensureSecrets(directory, secrets);
    const copy = path.join(directory, 'mounted', 'svc', 'postgres-password');
    await writeFile(path.join(directory, 'postgres-password.rotation.json'), '{}', { mode: 0o600 });
    await chmod(copy, 0o644);
    await writeFile(copy, 'new-value-already-delivered');
    const result = await ensureSecrets(directory, secrets);
    expect(result.pending).toEqual(['postgres-password']);
    expect(await readFile(copy, 'utf8')).toBe('new-value-already-delivered');
    expect(describeEnsureWarnings(result)).toEqual([
      'warning: the rotation of postgres-password did not finish; `aistack secrets rotate postgres-password` finishes it',
    ]);
  });
});
