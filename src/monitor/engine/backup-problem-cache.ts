import { backupStatus } from '../../backup/status.js';

const CACHE_MS = 60_000;

export interface BackupProblemCacheOptions {
  /** The archives directory (its status.json) and the schedule; undefined: never a problem. */
  readonly backup: { readonly directory: string; readonly schedule: string | undefined } | undefined;
  readonly now: () => number;
  /** When the monitor started (a schedule is not overdue before its first run since then). */
  readonly startedAt: number;
  readonly onError: (error: unknown) => void;
}

/** The backup problem for the `backup` rule, read from status.json at most once a minute. */
export function createBackupProblemCache(options: BackupProblemCacheOptions): () => Promise<string | undefined> {
  let cached: { value: string | undefined; at: number } | undefined;
  return async () => {
    const { backup, now } = options;
    if (!backup) return undefined;
    if (cached && now() - cached.at < CACHE_MS) return cached.value;
    try {
      const status = await backupStatus(backup.directory, backup.schedule, new Date(now()), new Date(options.startedAt));
      cached = { value: status.problem, at: now() };
    } catch (error: unknown) {
      // An unreadable or damaged status.json is itself a backup problem: the `backup` rule says so.
      cached = { value: `backup status cannot be read: ${error instanceof Error ? error.message : String(error)}`, at: now() };
      options.onError(error);
    }
    return cached.value;
  };
}
