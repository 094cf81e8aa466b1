import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkArchiveChecksums, openPart, readArchive } from '../../../src/backup/archive-reader.js';
import { createArchiveWriter } from '../../../src/backup/archive-writer.js';
import {
  backupPostgresDatabase,
  ensureDatabase,
  restorePostgresDatabase,
  verifyPostgresDump,
} from '../../../src/backup/postgres-strategy.js';
import type { TestPostgres } from '../../backup/support/servers.js';
import { startTestPostgres } from '../../backup/support/servers.js';

let postgres: TestPostgres;
let directory: string;
const key = randomBytes(32);

beforeAll(async () => {
  postgres = await startTestPostgres();
  directory = await mkdtemp(path.join(os.tmpdir(), 'aistack-backup-'));
  await postgres.psql('postgres', 'CREATE ROLE app LOGIN');
  await postgres.psql('postgres', 'CREATE DATABASE app OWNER app');
  await postgres.psql(
    'app',
    "CREATE TABLE notes (id int PRIMARY KEY, body text); INSERT INTO notes SELECT g, 'note ' || g FROM generate_series(1, " +
      '500) g; CREATE SCHEMA other; CREATE TABLE other."Mixed Case" (x int); INSERT INTO other."Mixed Case" VALUES (1), (2);',
  );
  await postgres.psql('app', 'ALTER TABLE notes OWNER TO app');
});

afterAll(async () => {
  await postgres?.stop();
  await rm(directory, { recursive: true, force: true });
});

describe('postgres strategy', () => {
  it('dumps a running database with row counts from the same snapshot, and restores the same data after it was destroyed', async () => {
    const writer = await createArchiveWriter({
      backupsDirectory: directory,
      key,
      now: new Date('2026-11-26T20:00:00Z'),
      trigger: 'manual',
      stack: { name: 't', manifestSha256: 'x' },
      aistackVersion: '0',
      selection: [],
    });
    const part = await backupPostgresDatabase(postgres.target, writer, { database: 'app', role: 'app', owner: 'app', service: 'postgres' });
    expect(part.check).toEqual({ kind: 'row-counts', tables: { 'other."Mixed Case"': 2, 'public.notes': 500 } });
    expect(part.tool?.name).toBe('pg_dump');
    const { manifest } = await writer.commit();
    const entry = await readArchive(directory, manifest.id);
    await checkArchiveChecksums(entry);

    await postgres.psql('app', 'DROP TABLE notes; CREATE TABLE notes (id int); INSERT INTO notes VALUES (-1)');
    expect(await ensureDatabase(postgres.target, 'app', 'app')).toBe('existed');
    await restorePostgresDatabase(postgres.target, 'app', openPart(entry, entry.manifest.parts[0]!, key));
    expect(
      await postgres.psql(
        'app',
        "SELECT count(*), max(body), pg_get_userbyid(relowner) FROM notes, pg_class WHERE relname = 'notes' GROUP BY relowner",
      ),
    ).toBe('500|note 99|app');

    const verdict = await verifyPostgresDump(postgres.target, openPart(entry, entry.manifest.parts[0]!, key), {
      'other."Mixed Case"': 2,
      'public.notes': 500,
    });
    expect(verdict).toEqual({ ok: true, message: '2 tables, 502 rows match' });
    const wrong = await verifyPostgresDump(postgres.target, openPart(entry, entry.manifest.parts[0]!, key), {
      'other."Mixed Case"': 2,
      'public.notes': 501,
    });
    expect(wrong).toEqual({ ok: false, message: 'public.notes has 500 rows, expected 501' });
    expect(await postgres.psql('postgres', "SELECT count(*) FROM pg_database WHERE datname LIKE 'aistack_verify_%'")).toBe('0');
  });

  it('creates a missing database owned by its role before restoring into it', async () => {
    expect(await ensureDatabase(postgres.target, 'fresh', 'app')).toBe('created');
    expect(await postgres.psql('postgres', "SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = 'fresh'")).toBe('app');
  });
});
