import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureSecrets } from '../../../src/secrets/ensure.js';
import { rotateSecret } from '../../../src/secrets/rotate.js';
import { readSecretMetadata, secretFiles } from '../../../src/secrets/store.js';
import { stackFromYaml } from '../../render/proxy/support/stack.js';
import { startPasswordPostgres } from './postgres.js';
import type { PasswordPostgres } from './postgres.js';

const stack = stackFromYaml(`
name: rotation
domain: ai.example.test
services:
  n8n:
monitor:
  enabled: false
`);
const database = stack.databases.find((entry) => entry.service === 'n8n')!;

let directory: string;
let server: PasswordPostgres & { log?: string };
const read = (name: string): Promise<string> => readFile(secretFiles(directory, name).value, 'utf8');

beforeAll(async () => {
  directory = await mkdtemp(path.join(os.tmpdir(), 'aistack-rotation-'));
  await ensureSecrets(path.join(directory), stack.secrets);
  server = await startPasswordPostgres(await read('postgres-password'));
  const admin = await read('postgres-password');
  const rolePassword = await read(database.passwordSecret);
  // What postgres-init does on first start, then the app writes its data.
  await server.query('postgres', admin, 'postgres', `CREATE ROLE ${database.role} LOGIN PASSWORD '${rolePassword}'`);
  await server.query('postgres', admin, 'postgres', `CREATE DATABASE ${database.database} OWNER ${database.role}`);
  await server.query(
    database.role,
    rolePassword,
    database.database,
    "CREATE TABLE workflows (name text); INSERT INTO workflows VALUES ('written before rotation')",
  );
}, 120_000);

afterAll(async () => {
  await server?.stop();
  await rm(directory, { recursive: true, force: true });
});

const serverAddress = async (): Promise<{ host: string; port: number }> => ({ host: '127.0.0.1', port: server.port });

describe('rotating a PostgreSQL role password against a real server', () => {
  it('changes the role in the server, then the files; data written before is readable with the new password', async () => {
    const before = await read(database.passwordSecret);
    const seen: string[] = [];
    const result = await rotateSecret(database.passwordSecret, {
      stack,
      secretsDirectory: directory,
      serverAddress,
      // The dependent "restarts" by connecting with what is in its mounted copy now.
      restart: async (service) => {
        seen.push(service);
        const rows = await server.query(
          database.role,
          await readFile(path.join(directory, 'mounted', service, database.passwordSecret), 'utf8'),
          database.database,
          'SELECT name FROM workflows',
        );
        expect(rows).toEqual([{ name: 'written before rotation' }]);
      },
    });
    const after = await read(database.passwordSecret);
    expect(after).not.toBe(before);
    expect(after).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(result).toMatchObject({
      name: database.passwordSecret,
      server: { service: 'postgres', label: 'PostgreSQL (role "n8n")', heldBoth: false },
      delivered: ['n8n', 'postgres'],
      restarted: [{ service: 'n8n' }],
      live: ['postgres'],
    });
    // Between ALTER ROLE and the last rename: renames only, well under a second even on a loaded machine.
    expect(result.windowMs).toBeGreaterThan(0);
    expect(result.windowMs).toBeLessThan(1000);
    expect(seen).toEqual(['n8n']);
    expect(await server.query(database.role, after, database.database, 'SELECT name FROM workflows')).toEqual([
      { name: 'written before rotation' },
    ]);
    await expect(server.query(database.role, before, database.database, 'SELECT 1')).rejects.toThrow(/password authentication failed/);
    expect(await readFile(secretFiles(directory, database.passwordSecret).previous, 'utf8')).toBe(before);
    expect((await readSecretMetadata(directory, database.passwordSecret))?.rotated).toMatch(/^\d{4}-/);
    // The statement log saw a SCRAM verifier, never the password.
    expect((server as { log?: string }).log ?? '').not.toContain(after);
  });

  it('stops at a dependent that does not become healthy, with the new password in the server, and finishes when run again', async () => {
    const before = await read(database.passwordSecret);
    const error = await rotateSecret(database.passwordSecret, {
      stack,
      secretsDirectory: directory,
      serverAddress,
      restart: async () => {
        throw new Error('n8n did not come back after the restart: not healthy after 180s');
      },
    }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({
      code: 'AIS_SECRETS_ROTATION_INCOMPLETE',
      message:
        `rotating "${database.passwordSecret}" stopped at "restart n8n": n8n did not come back after the restart: not healthy after 180s\n` +
        '  n8n       restarted with the new value, not healthy\n' +
        '  postgres  accepts only the new value',
    });
    const pending = await read(database.passwordSecret);
    expect((error as Error).message).not.toContain(before);
    expect((error as Error).message).not.toContain(pending);
    expect(await server.query(database.role, pending, database.database, 'SELECT name FROM workflows')).toEqual([
      { name: 'written before rotation' },
    ]);

    const result = await rotateSecret(database.passwordSecret, {
      stack,
      secretsDirectory: directory,
      serverAddress,
      restart: async () => {},
    });
    expect(result).toMatchObject({ resumed: true, restarted: [{ service: 'n8n' }] });
    expect(await read(database.passwordSecret)).toBe(pending);
    expect(await readFile(secretFiles(directory, database.passwordSecret).previous, 'utf8')).toBe(before);
    expect(await server.query(database.role, pending, database.database, 'SELECT 1 AS ok')).toEqual([{ ok: 1 }]);
  });

  it('rotates the superuser password itself (authenticating with the current one)', async () => {
    const before = await read('postgres-password');
    const result = await rotateSecret('postgres-password', { stack, secretsDirectory: directory, serverAddress, restart: async () => {} });
    const after = await read('postgres-password');
    expect(after).not.toBe(before);
    expect(result).toMatchObject({ restarted: [], delivered: ['postgres'], live: ['postgres'] });
    expect(await server.query('postgres', after, 'postgres', 'SELECT 1 AS ok')).toEqual([{ ok: 1 }]);
    expect(await readFile(path.join(directory, 'mounted', 'postgres', 'postgres-password'), 'utf8')).toBe(after);
  });
});
