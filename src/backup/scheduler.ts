import { Cron } from 'croner';
import type { ProjectPaths } from '../project/paths.js';
import { createEngine } from '../runtime/engine.js';
import type { Engine } from '../runtime/engine.js';
import type { Stack } from '../stack/types.js';
import { readArchive } from './archive-reader.js';
import { createDockerResolver } from './docker-resolver.js';
import { ensureBackupKey, resolveKeyPath } from './key-file.js';
import { pruneArchives } from './prune.js';
import type { BackupResolver } from './resolver.js';
import { runBackup } from './run-backup.js';
import { runVerify } from './run-verify.js';
import { uploadArchiveToS3 } from './s3-target.js';
import { readCurrentRevision } from './revision.js';
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
    let result: BackupRunResult;
    try {
      const { key } = await ensureBackupKey(resolveKeyPath(options.paths));
      const revision = readCurrentRevision(options.paths);
      const resolver =
        options.resolver ?? createDockerResolver({ stack: options.stack, paths: options.paths, engine: options.engine ?? createEngine() });
      const { manifest } = await runBackup({
        stack: options.stack,
        paths: options.paths,
        backupsDirectory: settings.directory,
        key,
        resolver,
        trigger: 'schedule',
        ...(revision === undefined ? {} : { revision }),
        ...(options.aistackVersion ? { aistackVersion: options.aistackVersion } : {}),
        now,
      });
      const entry = await readArchive(settings.directory, manifest.id);
      const verification = await runVerify({ entry, key, resolver, now });
      const failedParts = verification.parts.filter((part) => !part.ok).map((part) => `${part.file}: ${part.message}`);
      if (settings.s3 && verification.ok) await uploadArchiveToS3(await readArchive(settings.directory, manifest.id), settings.s3);
      const decision = await pruneArchives(settings.directory, settings.keep);
      result = {
        at,
        ok: verification.ok,
        archiveId: manifest.id,
        verified: verification.ok,
        message: verification.ok
          ? `backup ${manifest.id} written and verified${settings.s3 ? ', uploaded' : ''}`
          : `backup ${manifest.id} failed verification: ${failedParts.join('; ')}`,
        sizeBytes: manifest.totalSize,
        removed: decision.remove,
      };
    } catch (error: unknown) {
      result = {
        at,
        ok: false,
        archiveId: undefined,
        verified: false,
        message: error instanceof Error ? error.message : String(error),
        sizeBytes: 0,
        removed: [],
      };
    }
    await recordBackupResult(settings.directory, result).catch(() => undefined);
    options.onResult?.(result);
    return result;
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
