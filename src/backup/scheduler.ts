import { Cron } from 'croner';
import { AistackError } from '../errors.js';
import type { ProjectPaths } from '../project/paths.js';
import { withStackLock } from '../runtime/stack-lock.js';
import type { Engine } from '../runtime/engine.js';
import type { Stack } from '../stack/types.js';
import { prepareBackupInputs, runBackupJob } from './backup-job.js';
import type { BackupResolver } from './resolver.js';
import { resolveBackupSettings } from './settings.js';
import type { BackupRunResult, BackupStatus } from './status.js';
import { backupStatus, recordBackupResult } from './status.js';

export interface BackupSchedulerOptions {
  readonly stack: Stack;
  readonly paths: ProjectPaths;
  /** Called after every run (ok or not): the monitor raises or resolves its `backup` alert here. */
  readonly onResult?: (result: BackupRunResult) => void;
  readonly resolver?: BackupResolver;
  readonly engine?: Engine;
  readonly aistackVersion?: string;
  readonly now?: () => Date;
  /** Where waiting for the stack lock is said (serve's log). */
  readonly say?: (line: string) => void;
}

export interface BackupScheduler {
  /** Start the cron schedule (backup.schedule); does nothing when none is set. */
  start(): void;
  stop(): void;
  /** One backup now: back up, verify, apply retention, upload when S3 is set; never throws. */
  runNow(): Promise<BackupRunResult>;
  /** The last result judged against the schedule (failed or stale → `problem`). */
  status(): Promise<BackupStatus>;
}

/** The scheduled backups `aistack serve` runs. Each one is verified; failures are results, not exceptions. */
export function createBackupScheduler(options: BackupSchedulerOptions): BackupScheduler {
  const settings = resolveBackupSettings(options.stack, options.paths);
  const now = options.now ?? (() => new Date());
  const startedAt = now();
  let cron: Cron | undefined;
  let running: Promise<BackupRunResult> | undefined;

  const runOnce = async (): Promise<BackupRunResult> => {
    const at = now().toISOString();
    try {
      // The schedule is one more operation on the running stack: it waits for a deploy (or the
      // console, in this same process) to finish, and they wait for it.
      return await withStackLock(
        options.paths,
        { command: 'backup (scheduled)', ...(options.say ? { say: options.say } : {}) },
        async () => {
          const { key, resolver, revision } = await prepareBackupInputs({
            stack: options.stack,
            paths: options.paths,
            ...(options.engine ? { engine: options.engine } : {}),
            ...(options.resolver ? { resolver: options.resolver } : {}),
          });
          const { result } = await runBackupJob({
            stack: options.stack,
            paths: options.paths,
            key,
            resolver,
            trigger: 'schedule',
            ...(revision === undefined ? {} : { revision }),
            ...(options.aistackVersion ? { aistackVersion: options.aistackVersion } : {}),
            now,
          });
          options.onResult?.(result);
          return result;
        },
      );
    } catch (error: unknown) {
      const result: BackupRunResult = {
        at,
        ok: false,
        archiveId: undefined,
        verified: false,
        message: error instanceof Error ? error.message : String(error),
        sizeBytes: 0,
        removed: [],
      };
      // A verification failure is on record already, with its archive.
      if (!(error instanceof AistackError && error.code === 'AIS_BACKUP_VERIFY_FAILED'))
        await recordBackupResult(settings.directory, result).catch(() => undefined);
      options.onResult?.(result);
      return result;
    }
  };

  const runNow = (): Promise<BackupRunResult> => {
    running ??= runOnce().finally(() => {
      running = undefined;
    });
    return running;
  };

  return {
    start() {
      if (!settings.schedule || cron) return;
      cron = new Cron(settings.schedule, { protect: true, name: `aistack-backup-${options.stack.name}` }, async () => {
        await runNow();
      });
    },
    stop() {
      cron?.stop();
      cron = undefined;
    },
    runNow,
    status: () => backupStatus(settings.directory, settings.schedule, now(), startedAt),
  };
}
