import { BackupError } from '../errors.js';
import type { ProjectPaths } from '../project/paths.js';
import { createEngine } from '../runtime/engine.js';
import type { Engine } from '../runtime/engine.js';
import type { Stack } from '../stack/types.js';
import type { ArchiveManifest } from './archive-manifest.js';
import { readArchive } from './archive-reader.js';
import type { VerificationRecord } from './archive-reader.js';
import { pruneArchives } from './prune.js';
import { createDockerResolver } from './docker-resolver.js';
import { ensureBackupKey, resolveKeyPath } from './key-file.js';
import type { BackupResolver } from './resolver.js';
import { readCurrentRevision } from './revision.js';
import { formatBytes } from '../util/format-bytes.js';
import { runBackup } from './run-backup.js';
import { runVerify } from './run-verify.js';
import { uploadArchiveToS3 } from './s3-target.js';
import { resolveBackupSettings } from './settings.js';
import type { BackupRunResult } from './status.js';
import { recordBackupResult } from './status.js';

export interface BackupJobOptions {
  readonly stack: Stack;
  readonly paths: ProjectPaths;
  readonly key: Buffer;
  readonly resolver: BackupResolver;
  readonly trigger: ArchiveManifest['trigger'];
  /** Services to back up; empty: everything (and only then does retention run). */
  readonly selection?: readonly string[];
  /** Restore the new archive into scratch places before calling it good. @default true */
  readonly verify?: boolean;
  readonly revision?: number;
  readonly aistackVersion?: string;
  readonly say?: (line: string) => void;
  /** Each verified part as it is checked. */
  readonly onVerifiedPart?: (part: VerificationRecord['parts'][number]) => void;
  readonly signal?: AbortSignal;
  readonly onLeftBehind?: (describe: (() => string) | undefined) => void;
  readonly now?: () => Date;
}

export interface BackupJobOutcome {
  readonly manifest: ArchiveManifest;
  readonly verified: boolean;
  readonly upload: { readonly key: string; readonly size: number } | undefined;
  readonly removed: readonly string[];
  /** What was recorded for `backup status` and the monitor's `backup` alert. */
  readonly result: BackupRunResult;
}

/** What a backup needs besides the stack, prepared the same way for `aistack backup` and serve's schedule. */
export interface BackupInputs {
  readonly key: Buffer;
  readonly keyPath: string;
  /** The key did not exist and was made now: the CLI tells the user to keep a copy. */
  readonly keyCreated: boolean;
  readonly resolver: BackupResolver;
  /** The deployed revision the archive is labelled with; none before the first deploy. */
  readonly revision: number | undefined;
}

/** The backup key (made on first use), the resolver over Docker and the current revision. */
export async function prepareBackupInputs(options: {
  readonly stack: Stack;
  readonly paths: ProjectPaths;
  readonly engine?: Engine;
  readonly resolver?: BackupResolver;
}): Promise<BackupInputs> {
  const keyPath = resolveKeyPath(options.paths);
  const { key, created } = await ensureBackupKey(keyPath);
  const resolver =
    options.resolver ?? createDockerResolver({ stack: options.stack, paths: options.paths, engine: options.engine ?? createEngine() });
  return { key, keyPath, keyCreated: created, resolver, revision: readCurrentRevision(options.paths) };
}

/**
 * One backup, the same for `aistack backup` and serve's schedule: write the archive, verify it by
 * restoring into scratch places (unless told not to), upload it when S3 is set (only a verified
 * archive), apply retention after a full backup, and record the outcome. A
 * verification failure is recorded and thrown (AIS_BACKUP_VERIFY_FAILED); any other failure is
 * thrown, and recorded by the caller that wants it recorded (the schedule does).
 */
export async function runBackupJob(options: BackupJobOptions): Promise<BackupJobOutcome> {
  const say = options.say ?? (() => undefined);
  const now = options.now ?? (() => new Date());
  const settings = resolveBackupSettings(options.stack, options.paths);
  const selection = options.selection ?? [];
  const { manifest } = await runBackup({
    stack: options.stack,
    paths: options.paths,
    backupsDirectory: settings.directory,
    key: options.key,
    resolver: options.resolver,
    selection,
    trigger: options.trigger,
    say,
    now,
    ...(options.revision === undefined ? {} : { revision: options.revision }),
    ...(options.aistackVersion === undefined ? {} : { aistackVersion: options.aistackVersion }),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onLeftBehind ? { onLeftBehind: options.onLeftBehind } : {}),
  });
  let verified = false;
  if (options.verify !== false) {
    const record = await runVerify({
      entry: await readArchive(settings.directory, manifest.id),
      key: options.key,
      resolver: options.resolver,
      now,
    });
    for (const part of record.parts) options.onVerifiedPart?.(part);
    if (!record.ok) {
      const failed = record.parts.filter((part) => !part.ok).map((part) => `${part.file}: ${part.message}`);
      await recordBackupResult(settings.directory, {
        at: now().toISOString(),
        ok: false,
        archiveId: manifest.id,
        verified: false,
        message: `backup ${manifest.id} failed verification: ${failed.join('; ') || record.summary}`,
        sizeBytes: manifest.totalSize,
        removed: [],
      });
      throw new BackupError('AIS_BACKUP_VERIFY_FAILED', {
        archive: manifest.id,
        summary: record.summary,
        written: true,
        hint: 'the failing parts are named above (and in `aistack backup list`); do not rely on this archive',
      });
    }
    verified = true;
  }
  // Only a verified archive goes off-site: a copy nobody has restored is not a backup to rely on.
  const upload =
    settings.s3 && verified ? await uploadArchiveToS3(await readArchive(settings.directory, manifest.id), settings.s3) : undefined;
  if (upload && settings.s3)
    say(`uploaded s3://${settings.s3.bucket}/${upload.key} (${formatBytes(upload.size, 'below-ten')}, ETag checked)`);
  else if (settings.s3)
    say(`not uploaded to s3://${settings.s3.bucket}: only verified archives go off-site (\`aistack backup\` without --no-verify uploads)`);
  const { remove: removed } = selection.length === 0 ? await pruneArchives(settings.directory, settings.keep) : { remove: [] };
  for (const id of removed) say(`removed ${id} (retention)`);
  const result: BackupRunResult = {
    at: now().toISOString(),
    ok: true,
    archiveId: manifest.id,
    verified,
    message: `backup ${manifest.id} written${verified ? ' and verified' : ''}${upload ? ', uploaded' : ''}`,
    sizeBytes: manifest.totalSize,
    removed,
  };
  await recordBackupResult(settings.directory, result);
  return { manifest, verified, upload: upload ? { key: upload.key, size: upload.size } : undefined, removed, result };
}
