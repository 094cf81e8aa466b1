import { randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { BackupError } from '../errors.js';
import type { ArchivePart } from './archive-manifest.js';
import type { ArchiveWriter } from './archive-writer.js';
import type { Executor } from './executor.js';
import { runToText, toolFailed } from './executor.js';

/** How to reach one PostgreSQL server with its client tools. */
export interface PostgresTarget {
  readonly executor: Executor;
  /** Connection flags for every tool, e.g. `--host 127.0.0.1 --port 5433 --username postgres`. */
  readonly connection: readonly string[];
  /** PGPASSWORD and the like (passed by name, never on a command line). */
  readonly environment?: Readonly<Record<string, string>>;
  /** User to run the tools as inside a container. */
  readonly user?: string;
  /** Directory of the client binaries (`/usr/lib/postgresql/15/bin/`), or '' for PATH. */
  readonly binDirectory?: string;
}

const ROW_COUNT_SQL =
  `SELECT format('%I.%I', table_schema, table_name) || E'\\t' || (xpath('/row/c/text()', query_to_xml(format('SELECT count(*) ` +
  `AS c FROM %I.%I', table_schema, table_name), false, true, '')))[1]::text FROM information_schema.tables WHERE table_type = ` +
  `'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1;`;
const END_MARKER = '__AISTACK_END__';

function tool(target: PostgresTarget, name: string): string {
  return `${target.binDirectory ?? ''}${name}`;
}

function spawnOptions(target: PostgresTarget, stdin: boolean) {
  return { ...(target.environment ? { environment: target.environment } : {}), ...(target.user ? { user: target.user } : {}), stdin };
}

export async function readPgDumpVersion(target: PostgresTarget): Promise<string> {
  const text = await runToText(target.executor, [tool(target, 'pg_dump'), '--version'], spawnOptions(target, false));
  return text.trim().replace(/^pg_dump \(PostgreSQL\)\s*/, '');
}

/**
 * `pg_dump --format=custom` of one database while it runs. A psql session opens a REPEATABLE READ
 * transaction and exports its snapshot; pg_dump uses that snapshot and the same session counts the
 * rows of every table in it, so the counts in the manifest describe exactly the dumped data.
 */
export async function backupPostgresDatabase(
  target: PostgresTarget,
  writer: ArchiveWriter,
  database: { readonly database: string; readonly role: string; readonly owner: string; readonly service: string },
): Promise<ArchivePart> {
  const session = openSqlSession(target, database.database);
  try {
    await session.send('BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY;\nSELECT pg_export_snapshot();');
    const snapshot = (await session.readUntilMarker())[0]?.trim();
    if (!snapshot)
      throw new BackupError('AIS_BACKUP_TOOL_FAILED', {
        snapshotOf: database.database,
        hint: 'check that PostgreSQL is running and reachable',
      });
    const version = await readPgDumpVersion(target);
    const dumpArgs = [
      tool(target, 'pg_dump'),
      '--format=custom',
      `--snapshot=${snapshot}`,
      ...target.connection,
      '--dbname',
      database.database,
    ];
    const dump = target.executor.spawn(dumpArgs, spawnOptions(target, false));
    const counting = (async () => {
      await session.send(ROW_COUNT_SQL);
      return parseRowCounts(await session.readUntilMarker());
    })();
    let part: ArchivePart;
    try {
      part = await writer.writePart(
        {
          name: `pg-${database.database}.dump`,
          kind: 'pg-dump',
          service: 'postgres',
          owner: database.owner,
          database: database.database,
          role: database.role,
          tool: { name: 'pg_dump', version },
        },
        dump.stdout,
        { compress: false },
      );
    } catch (error: unknown) {
      dump.kill();
      await dump.done.catch(() => undefined);
      throw error;
    }
    const result = await dump.done;
    if (result.code !== 0) throw toolFailed(target.executor, dumpArgs, result);
    const tables = await counting;
    writer.updatePart(part.file, { check: { kind: 'row-counts', tables } });
    await session.send('COMMIT;');
    await session.readUntilMarker();
    return { ...part, check: { kind: 'row-counts', tables } };
  } finally {
    await session.close();
  }
}

/** Does the database exist; create it (owned by `role` when that role exists) if not. */
export async function ensureDatabase(target: PostgresTarget, database: string, role: string | undefined): Promise<'existed' | 'created'> {
  const exists = await querySingle(target, 'postgres', `SELECT count(*) FROM pg_database WHERE datname = :'name';`, { name: database });
  if (exists === '1') return 'existed';
  const roleExists = role
    ? await querySingle(target, 'postgres', `SELECT count(*) FROM pg_roles WHERE rolname = :'name';`, { name: role })
    : '0';
  const sql =
    roleExists === '1'
      ? `SELECT format('CREATE DATABASE %I OWNER %I', :'name', :'role') \\gexec`
      : `SELECT format('CREATE DATABASE %I', :'name') \\gexec`;
  await runSql(target, 'postgres', sql, { name: database, role: role ?? '' });
  return 'created';
}

/** `pg_restore --clean --if-exists` in one transaction: it either replaces everything or nothing. */
export async function restorePostgresDatabase(
  target: PostgresTarget,
  database: string,
  plain: Readable,
  options: { readonly noOwner?: boolean } = {},
): Promise<void> {
  const args = [
    tool(target, 'pg_restore'),
    '--clean',
    '--if-exists',
    '--single-transaction',
    '--exit-on-error',
    ...(options.noOwner ? ['--no-owner', '--no-acl'] : []),
    ...target.connection,
    '--dbname',
    database,
  ];
  const child = target.executor.spawn(args, spawnOptions(target, true));
  const output = child.stdout.resume();
  try {
    await pipeline(plain, child.stdin!);
  } catch (error: unknown) {
    child.kill();
    const result = await child.done.catch(() => ({ code: 1, stderr: '' }));
    if (error instanceof BackupError) throw error;
    throw toolFailed(target.executor, args, { code: result.code, stderr: result.stderr || (error as Error).message });
  }
  const result = await child.done;
  output.destroy();
  if (result.code !== 0) throw toolFailed(target.executor, args, result);
}

export async function countRows(target: PostgresTarget, database: string): Promise<Record<string, number>> {
  const text = await runToText(
    target.executor,
    [tool(target, 'psql'), '-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', ...target.connection, '--dbname', database],
    {
      ...spawnOptions(target, true),
      input: ROW_COUNT_SQL,
    },
  );
  return parseRowCounts(text.split('\n'));
}

/** Restore into a scratch database, count rows per table, drop it. */
export async function verifyPostgresDump(
  target: PostgresTarget,
  plain: Readable,
  expected: Readonly<Record<string, number>>,
): Promise<{ ok: boolean; message: string }> {
  const scratch = `aistack_verify_${randomBytes(4).toString('hex')}`;
  await runSql(target, 'postgres', `SELECT format('CREATE DATABASE %I', :'name') \\gexec`, { name: scratch });
  try {
    await restorePostgresDatabase(target, scratch, plain, { noOwner: true });
    const actual = await countRows(target, scratch);
    return compareRowCounts(expected, actual);
  } finally {
    await runSql(target, 'postgres', `SELECT format('DROP DATABASE IF EXISTS %I WITH (FORCE)', :'name') \\gexec`, { name: scratch }).catch(
      () => undefined,
    );
  }
}

export function compareRowCounts(
  expected: Readonly<Record<string, number>>,
  actual: Readonly<Record<string, number>>,
): { ok: boolean; message: string } {
  const problems: string[] = [];
  for (const [table, count] of Object.entries(expected)) {
    const got = actual[table];
    if (got === undefined) problems.push(`${table} missing`);
    else if (got !== count) problems.push(`${table} has ${got} rows, expected ${count}`);
  }
  for (const table of Object.keys(actual)) if (!(table in expected)) problems.push(`${table} unexpected`);
  const tables = Object.keys(expected).length;
  const rows = Object.values(expected).reduce((sum, count) => sum + count, 0);
  return problems.length === 0
    ? { ok: true, message: `${tables} tables, ${rows} rows match` }
    : { ok: false, message: problems.slice(0, 5).join('; ') + (problems.length > 5 ? ` (+${problems.length - 5} more)` : '') };
}

function parseRowCounts(lines: readonly string[]): Record<string, number> {
  const tables: Record<string, number> = {};
  for (const line of lines) {
    const tab = line.lastIndexOf('\t');
    if (tab <= 0) continue;
    tables[line.slice(0, tab)] = Number(line.slice(tab + 1));
  }
  return tables;
}

async function runSql(target: PostgresTarget, database: string, sql: string, variables: Readonly<Record<string, string>>): Promise<string> {
  const args = [
    tool(target, 'psql'),
    '-X',
    '-q',
    '-A',
    '-t',
    '-v',
    'ON_ERROR_STOP=1',
    ...Object.entries(variables).flatMap(([name, value]) => ['-v', `${name}=${value}`]),
    ...target.connection,
    '--dbname',
    database,
  ];
  return runToText(target.executor, args, { ...spawnOptions(target, true), input: `${sql}\n` });
}

async function querySingle(
  target: PostgresTarget,
  database: string,
  sql: string,
  variables: Readonly<Record<string, string>>,
): Promise<string> {
  return (await runSql(target, database, sql, variables)).trim();
}

interface SqlSession {
  send(sql: string): Promise<void>;
  /** Lines printed since the last marker, up to the next one. */
  readUntilMarker(): Promise<string[]>;
  close(): Promise<void>;
}

/** A long-lived psql whose output is read up to an `\echo` marker after every statement batch. */
function openSqlSession(target: PostgresTarget, database: string): SqlSession {
  const args = [tool(target, 'psql'), '-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', ...target.connection, '--dbname', database];
  const child = target.executor.spawn(args, spawnOptions(target, true));
  let buffer = '';
  const lines: string[] = [];
  let waiter: (() => void) | undefined;
  let ended = false;
  child.stdout.on('data', (chunk: Buffer) => {
    buffer += chunk.toString('utf8');
    let newline = buffer.indexOf('\n');
    while (newline >= 0) {
      lines.push(buffer.slice(0, newline));
      buffer = buffer.slice(newline + 1);
      newline = buffer.indexOf('\n');
    }
    waiter?.();
  });
  child.stdout.on('end', () => {
    ended = true;
    waiter?.();
  });
  const send = async (sql: string): Promise<void> => {
    if (ended || !child.stdin || child.stdin.destroyed) throw await sessionFailed();
    child.stdin.write(`${sql}\n\\echo ${END_MARKER}\n`);
  };
  const sessionFailed = async (): Promise<BackupError> => {
    const result = await child.done.catch(() => ({ code: 1, stderr: '' }));
    return toolFailed(target.executor, args, result);
  };
  return {
    send,
    async readUntilMarker() {
      for (;;) {
        const index = lines.indexOf(END_MARKER);
        if (index >= 0) return lines.splice(0, index + 1).slice(0, index);
        if (ended) throw await sessionFailed();
        await new Promise<void>((resolve) => {
          waiter = resolve;
        });
        waiter = undefined;
      }
    },
    async close() {
      if (child.stdin && !child.stdin.destroyed) child.stdin.end('\\q\n');
      const timer = setTimeout(() => child.kill(), 10_000);
      await child.done.catch(() => undefined);
      clearTimeout(timer);
    },
  };
}
