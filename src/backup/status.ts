import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Cron } from 'croner';
import { BackupError } from '../errors.js';
import type { ProjectPaths } from '../project/paths.js';
import type { Stack } from '../stack/types.js';
import { readFileIfExists } from '../util/read-file-if-exists.js';
import { writeFileAtomic } from '../util/write-file-atomic.js';
import { resolveBackupSettings } from './settings.js';

/** The outcome of the last scheduled (or manual) backup, for the monitor's `backup` alert rule. */
export interface BackupRunResult {
  readonly at: string;
  readonly ok: boolean;
  readonly archiveId: string | undefined;
  readonly verified: boolean;
  readonly message: string;
  readonly sizeBytes: number;
  readonly removed: readonly string[];
}

export interface BackupStatus {
  readonly schedule: string | undefined;
  readonly last: BackupRunResult | undefined;
  readonly lastSuccessAt: string | undefined;
  readonly nextRunAt: string | undefined;
  /** No successful backup within two schedule intervals (plus an hour). */
  readonly stale: boolean;
  /** What an alert should say, or undefined when all is well. */
  readonly problem: string | undefined;
}

const STATUS_FILE = 'status.json';

interface StoredStatus {
  readonly last: BackupRunResult | undefined;
  readonly lastSuccessAt: string | undefined;
}

export async function recordBackupResult(backupsDirectory: string, result: BackupRunResult): Promise<void> {
  const previous = await readStored(backupsDirectory);
  const stored: StoredStatus = { last: result, lastSuccessAt: result.ok ? result.at : previous.lastSuccessAt };
  await mkdir(backupsDirectory, { recursive: true, mode: 0o700 });
  await writeFileAtomic(path.join(backupsDirectory, STATUS_FILE), `${JSON.stringify(stored, null, 2)}\n`, 0o600);
}

/** No status.json means no backup ran yet; an unreadable or damaged one is an error, never "no history". */
async function readStored(backupsDirectory: string): Promise<StoredStatus> {
  const file = path.join(backupsDirectory, STATUS_FILE);
  const text = await readFileIfExists(
    file,
    (error) =>
      new BackupError('AIS_BACKUP_STATUS_UNREADABLE', {
        file,
        reason: error.message,
        hint: 'make it readable by the user running aistack',
        cause: error,
      }),
  );
  if (text === undefined) return { last: undefined, lastSuccessAt: undefined };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error: unknown) {
    throw damagedStatus(file, `is not valid JSON (${(error as Error).message})`, error);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw damagedStatus(file, 'is not a backup status object');
  return value as StoredStatus;
}

function damagedStatus(file: string, why: string, cause?: unknown): BackupError {
  return new BackupError('AIS_BACKUP_STATUS_UNREADABLE', {
    file,
    why,
    hint: `move it aside (\`mv ${file} ${file}.damaged\`); the next backup writes a new one`,
    ...(cause === undefined ? {} : { cause }),
  });
}

/**
 * Read the last result and judge it: failed, or stale (no success within two intervals of the
 * schedule plus an hour; measured from `since`, the scheduler's start, when there never was one).
 */
export async function backupStatus(
  backupsDirectory: string,
  schedule: string | undefined,
  now: Date = new Date(),
  since?: Date,
): Promise<BackupStatus> {
  const stored = await readStored(backupsDirectory);
  let nextRunAt: string | undefined;
  let stale = false;
  if (schedule) {
    const cron = new Cron(schedule, { paused: true });
    const runs = cron.nextRuns(2, now);
    nextRunAt = runs[0]?.toISOString();
    const interval = runs[1] && runs[0] ? runs[1].getTime() - runs[0].getTime() : 86_400_000;
    const reference = stored.lastSuccessAt ? new Date(stored.lastSuccessAt) : since;
    stale = reference !== undefined && now.getTime() - reference.getTime() > 2 * interval + 3_600_000;
    cron.stop();
  }
  const problem =
    stored.last && !stored.last.ok
      ? `last backup failed: ${stored.last.message}`
      : stale
        ? `no successful backup since ${stored.lastSuccessAt ?? 'the monitor started'}`
        : undefined;
  return { schedule, last: stored.last, lastSuccessAt: stored.lastSuccessAt, nextRunAt, stale, problem };
}

/** `backupStatus` for a project: the directory and schedule come from aistack.yaml (for the monitor's `backup` rule). */
export async function readBackupStatus(stack: Stack, paths: ProjectPaths, now: Date = new Date(), since?: Date): Promise<BackupStatus> {
  const settings = resolveBackupSettings(stack, paths);
  return backupStatus(settings.directory, settings.schedule, now, since);
}
