import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { StoreError } from '../errors.js';

/** What the console records: logins, views of secret metadata, applies, rollbacks and every refusal or failure. */
export type AuditAction =
  | 'login'
  | 'login-failed'
  | 'secrets-view'
  | 'secret-rotate'
  | 'apply'
  | 'apply-healthy'
  | 'apply-failed'
  | 'rollback'
  | 'restore'
  | 'outside-path-confirmed'
  | 'refused';

export interface AuditEntry {
  readonly id: number;
  readonly at: number;
  readonly user: string;
  readonly action: AuditAction;
  /** One line; never a secret value. */
  readonly detail: string;
  readonly revision: number | undefined;
  readonly address: string;
}

export interface NewAuditEntry {
  readonly at: number;
  readonly user: string;
  readonly action: AuditAction;
  readonly detail: string;
  readonly revision?: number;
  readonly address: string;
}

export interface AuditStore {
  record(entry: NewAuditEntry): AuditEntry;
  /** Newest first. */
  list(limit: number): AuditEntry[];
  close(): void;
}

interface AuditRow {
  id: number;
  at: number;
  user: string;
  action: AuditAction;
  detail: string;
  revision: number | null;
  address: string;
}

const MAX_DETAIL = 2000;

/** The console's audit log: a table of the monitor's SQLite store (monitor.db), append-only through this interface. */
export function openAuditStore(file: string): AuditStore {
  let db: Database.Database;
  try {
    if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('busy_timeout = 5000');
    db.exec(`CREATE TABLE IF NOT EXISTS console_audit (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      at INTEGER NOT NULL,
      user TEXT NOT NULL,
      action TEXT NOT NULL,
      detail TEXT NOT NULL,
      revision INTEGER,
      address TEXT NOT NULL
    )`);
  } catch (error: unknown) {
    throw new StoreError('AIS_STORE_OPEN_FAILED', {
      action: 'open the monitor database',
      file,
      reason: (error as Error).message,
      hint: 'check that the data directory is writable',
      cause: error,
    });
  }
  const insert = db.prepare(
    'INSERT INTO console_audit (at, user, action, detail, revision, address) VALUES (@at, @user, @action, @detail, @revision, @address)',
  );
  const select = db.prepare('SELECT id, at, user, action, detail, revision, address FROM console_audit ORDER BY id DESC LIMIT ?');
  return {
    record(entry) {
      const row = {
        at: entry.at,
        user: entry.user,
        action: entry.action,
        detail: entry.detail.slice(0, MAX_DETAIL),
        revision: entry.revision ?? null,
        address: entry.address,
      };
      const result = insert.run(row);
      return { ...row, id: Number(result.lastInsertRowid), revision: entry.revision };
    },
    list(limit) {
      return (select.all(Math.max(1, Math.min(limit, 1000))) as AuditRow[]).map((row) => ({
        ...row,
        revision: row.revision ?? undefined,
      }));
    },
    close() {
      db.close();
    },
  };
}
