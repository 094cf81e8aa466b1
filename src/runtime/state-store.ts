import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { StoreError } from '../errors.js';
import type { RenderedFile } from '../render/types.js';

export type RevisionResult = 'pending' | 'healthy' | 'failed' | 'rolled-back';

export interface Revision {
  readonly id: number;
  /** `deploy` applies aistack.yaml; `rollback` re-applies an earlier revision's files. */
  readonly kind: 'deploy' | 'rollback';
  readonly sourceRevision: number | undefined;
  readonly createdAt: string;
  readonly finishedAt: string | undefined;
  readonly user: string;
  readonly host: string;
  readonly pid: number;
  readonly result: RevisionResult;
  readonly summary: string;
  readonly error: string | undefined;
  /** Compose project name. */
  readonly stackName: string;
  /** The rollout plan (RolloutService[] as JSON), so a revision can be rolled out without re-resolving its manifest. */
  readonly plan: string;
}

export interface RevisionImage {
  readonly service: string;
  readonly reference: string;
  readonly imageId: string;
}

export interface NewRevision {
  readonly kind: 'deploy' | 'rollback';
  readonly sourceRevision?: number;
  readonly user: string;
  readonly host: string;
  readonly pid: number;
  readonly manifest: string;
  readonly summary: string;
  readonly stackName: string;
  readonly plan: string;
  readonly files: readonly RenderedFile[];
  readonly createdAt: string;
}

/** The deploy history of one project in .aistack/state.db (SQLite, WAL). */
export interface StateStore {
  createRevision(revision: NewRevision): Revision;
  finishRevision(id: number, result: Exclude<RevisionResult, 'pending'>, finishedAt: string, error?: string): void;
  recordImages(id: number, images: readonly RevisionImage[]): void;
  getRevision(id: number): Revision | undefined;
  listRevisions(limit?: number): Revision[];
  pendingRevisions(): Revision[];
  /** The newest healthy revision, optionally older than `before`. */
  lastHealthy(before?: number): Revision | undefined;
  files(id: number): RenderedFile[];
  manifest(id: number): string;
  images(id: number): RevisionImage[];
  close(): void;
}

const SCHEMA_VERSION = 1;

export function openStateStore(file: string): StateStore {
  let database: Database.Database;
  try {
    mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    database = new Database(file);
    database.pragma('journal_mode = WAL');
    database.pragma('busy_timeout = 5000');
    database.pragma('foreign_keys = ON');
    migrate(database);
  } catch (error: unknown) {
    throw new StoreError('AIS_STORE_OPEN_FAILED', {
      action: 'open the state database',
      file,
      reason: (error as Error).message,
      hint: 'check that .aistack/ is writable; if the file is corrupt, move it aside (history is lost, running containers are not)',
      cause: error,
    });
  }
  const db = database;
  const toRevision = (row: RevisionRow): Revision => ({
    id: row.id,
    kind: row.kind,
    sourceRevision: row.source_revision ?? undefined,
    createdAt: row.created_at,
    finishedAt: row.finished_at ?? undefined,
    user: row.user,
    host: row.host,
    pid: row.pid,
    result: row.result,
    summary: row.summary,
    error: row.error ?? undefined,
    stackName: row.stack_name,
    plan: row.plan,
  });
  const select =
    'SELECT id, kind, source_revision, created_at, finished_at, user, host, pid, result, summary, error, stack_name, plan FROM revisions';
  const insertFile = db.prepare('INSERT INTO revision_files (revision, path, content, mode) VALUES (?, ?, ?, ?)');
  return {
    createRevision: (revision) =>
      db.transaction(() => {
        const info = db
          .prepare(
            'INSERT INTO revisions (kind, source_revision, created_at, user, host, pid, result, manifest, summary, ' +
              'stack_name, plan) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
          )
          .run(
            revision.kind,
            revision.sourceRevision ?? null,
            revision.createdAt,
            revision.user,
            revision.host,
            revision.pid,
            'pending',
            revision.manifest,
            revision.summary,
            revision.stackName,
            revision.plan,
          );
        const id = Number(info.lastInsertRowid);
        for (const file of revision.files) insertFile.run(id, file.path, file.content, file.mode ?? null);
        return toRevision(db.prepare(`${select} WHERE id = ?`).get(id) as RevisionRow);
      })(),
    finishRevision: (id, result, finishedAt, error) => {
      db.prepare('UPDATE revisions SET result = ?, finished_at = ?, error = ? WHERE id = ?').run(result, finishedAt, error ?? null, id);
    },
    recordImages: (id, images) =>
      db.transaction(() => {
        const insert = db.prepare('INSERT OR REPLACE INTO revision_images (revision, service, reference, image_id) VALUES (?, ?, ?, ?)');
        for (const image of images) insert.run(id, image.service, image.reference, image.imageId);
      })(),
    getRevision: (id) => {
      const row = db.prepare(`${select} WHERE id = ?`).get(id) as RevisionRow | undefined;
      return row ? toRevision(row) : undefined;
    },
    listRevisions: (limit = 50) => (db.prepare(`${select} ORDER BY id DESC LIMIT ?`).all(limit) as RevisionRow[]).map(toRevision),
    pendingRevisions: () => (db.prepare(`${select} WHERE result = 'pending' ORDER BY id`).all() as RevisionRow[]).map(toRevision),
    lastHealthy: (before) => {
      const row = db
        .prepare(`${select} WHERE result = 'healthy' AND id < ? ORDER BY id DESC LIMIT 1`)
        .get(before ?? Number.MAX_SAFE_INTEGER) as RevisionRow | undefined;
      return row ? toRevision(row) : undefined;
    },
    files: (id) =>
      (
        db.prepare('SELECT path, content, mode FROM revision_files WHERE revision = ? ORDER BY path').all(id) as {
          path: string;
          content: string;
          mode: number | null;
        }[]
      ).map((row) =>
        row.mode === null ? { path: row.path, content: row.content } : { path: row.path, content: row.content, mode: row.mode },
      ),
    manifest: (id) =>
      (db.prepare('SELECT manifest FROM revisions WHERE id = ?').get(id) as { manifest: string } | undefined)?.manifest ?? '',
    images: (id) =>
      (
        db.prepare('SELECT service, reference, image_id FROM revision_images WHERE revision = ? ORDER BY service').all(id) as {
          service: string;
          reference: string;
          image_id: string;
        }[]
      ).map((row) => ({
        service: row.service,
        reference: row.reference,
        imageId: row.image_id,
      })),
    close: () => db.close(),
  };
}

interface RevisionRow {
  id: number;
  kind: 'deploy' | 'rollback';
  source_revision: number | null;
  created_at: string;
  finished_at: string | null;
  user: string;
  host: string;
  pid: number;
  result: RevisionResult;
  summary: string;
  error: string | null;
  stack_name: string;
  plan: string;
}

function migrate(db: Database.Database): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version >= SCHEMA_VERSION) return;
  db.exec(`
    CREATE TABLE IF NOT EXISTS revisions (
      id INTEGER PRIMARY KEY,
      kind TEXT NOT NULL CHECK (kind IN ('deploy', 'rollback')),
      source_revision INTEGER,
      created_at TEXT NOT NULL,
      finished_at TEXT,
      user TEXT NOT NULL,
      host TEXT NOT NULL,
      pid INTEGER NOT NULL,
      result TEXT NOT NULL CHECK (result IN ('pending', 'healthy', 'failed', 'rolled-back')),
      manifest TEXT NOT NULL,
      summary TEXT NOT NULL,
      error TEXT,
      stack_name TEXT NOT NULL,
      plan TEXT NOT NULL
    );
    CREATE TABLE IF NOT EXISTS revision_files (
      revision INTEGER NOT NULL REFERENCES revisions(id),
      path TEXT NOT NULL,
      content TEXT NOT NULL,
      mode INTEGER,
      PRIMARY KEY (revision, path)
    );
    CREATE TABLE IF NOT EXISTS revision_images (
      revision INTEGER NOT NULL REFERENCES revisions(id),
      service TEXT NOT NULL,
      reference TEXT NOT NULL,
      image_id TEXT NOT NULL,
      PRIMARY KEY (revision, service)
    );
    PRAGMA user_version = ${SCHEMA_VERSION};
  `);
}
