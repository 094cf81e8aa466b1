import { createHash } from 'node:crypto';
import { formatBytes } from '../util/format-bytes.js';
import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { BackupError, ManifestError } from '../errors.js';
import type { ProjectPaths } from '../project/paths.js';
import type { Stack } from '../stack/types.js';
import { isMissingFile } from '../util/is-missing-file.js';
import { readFileIfExists } from '../util/read-file-if-exists.js';
import type { ArchiveManifest } from './archive-manifest.js';
import { createArchiveWriter, PARTIAL_PREFIX } from './archive-writer.js';
import { backupConfig } from './config-strategy.js';
import { backupPostgresDatabase } from './postgres-strategy.js';
import { backupQdrant } from './qdrant-strategy.js';
import { planBackup } from './plan.js';
import { backupRedis } from './redis-strategy.js';
import type { BackupResolver } from './resolver.js';
import { backupVolume } from './volume-strategy.js';

export interface RunBackupOptions {
  readonly stack: Stack;
  readonly paths: ProjectPaths;
  readonly backupsDirectory: string;
  readonly key: Buffer;
  readonly resolver: BackupResolver;
  readonly selection?: readonly string[];
  readonly trigger?: ArchiveManifest['trigger'];
  readonly revision?: number;
  readonly aistackVersion?: string;
  readonly say?: (line: string) => void;
  readonly now?: () => Date;
  /**
   * Aborted by a first Ctrl-C: the part being copied finishes, a service stopped for its copy
   * starts again, nothing further is copied, the partial archive is removed, and then
   * AIS_BACKUP_INTERRUPTED.
   */
  readonly signal?: AbortSignal;
  /** What exiting at once (a second Ctrl-C) would leave behind; undefined: nothing. */
  readonly onLeftBehind?: (describe: (() => string) | undefined) => void;
}

/**
 * Back up every selected piece of state into a new archive. The archive appears under its id only
 * when every part is written and synced; any failure removes the partial directory.
 */
export async function runBackup(options: RunBackupOptions): Promise<{ readonly directory: string; readonly manifest: ArchiveManifest }> {
  const say = options.say ?? (() => undefined);
  const plan = planBackup(options.stack, options.selection ?? []);
  await removeStalePartials(options.backupsDirectory);
  const manifestText =
    (await readFileIfExists(
      options.paths.manifest,
      (error) =>
        new ManifestError('AIS_MANIFEST_UNREADABLE', {
          path: options.paths.manifest,
          reason: error.message,
          hint: 'make it readable by the user running aistack',
          cause: error,
        }),
    )) ?? '';
  const writer = await createArchiveWriter({
    backupsDirectory: options.backupsDirectory,
    key: options.key,
    now: (options.now ?? (() => new Date()))(),
    trigger: options.trigger ?? 'manual',
    stack: {
      name: options.stack.name,
      manifestSha256: createHash('sha256').update(manifestText).digest('hex'),
      ...(options.revision === undefined ? {} : { revision: options.revision }),
    },
    aistackVersion: options.aistackVersion ?? 'unknown',
    selection: options.selection ?? [],
  });
  const { resolver } = options;
  try {
    for (const skipped of plan.skipped) {
      writer.skip(skipped);
      say(`skip  ${skipped.volume} (${skipped.reason})`);
    }
    const stopIfInterrupted = (): void => {
      if (!options.signal?.aborted) return;
      throw new BackupError('AIS_BACKUP_INTERRUPTED', { operation: 'backup', hint: 'run the backup again' });
    };
    for (const item of plan.items) {
      stopIfInterrupted();
      switch (item.kind) {
        case 'pg-dump': {
          const part = await backupPostgresDatabase(await resolver.postgres(), writer, {
            database: item.database.database,
            role: item.database.role,
            owner: item.database.service,
            service: 'postgres',
          });
          say(`ok    postgres database ${item.database.database} (${formatBytes(part.size, 'below-ten')})`);
          break;
        }
        case 'redis-rdb': {
          const part = await backupRedis(await resolver.redis(item.service), writer, item.service, item.volume.name);
          say(`ok    ${item.service} RDB (${formatBytes(part.size, 'below-ten')})`);
          break;
        }
        case 'qdrant-snapshot': {
          const parts = await backupQdrant(await resolver.qdrant(item.service), writer, item.service, item.volume.name);
          say(`ok    ${item.service} snapshots of ${parts.length} collection(s)`);
          break;
        }
        case 'volume-tar': {
          const access = await resolver.volume(item.volume);
          // Data the catalog says is not safe to copy live is copied with its service stopped.
          const stopped = item.live ? [] : await resolver.control.stop([item.service]);
          if (stopped.length > 0)
            options.onLeftBehind?.(
              () => `Stopped for its volume copy and not started again: ${stopped.join(', ')} (\`aistack up\` starts it).`,
            );
          try {
            const part = await backupVolume(access, writer, {
              service: item.service,
              volume: item.volume.name,
              target: item.volume.target,
              live: item.live,
            });
            say(
              `ok    volume ${item.volume.name} (${formatBytes(part.size, 'below-ten')}${item.live ? '' : ', service stopped meanwhile'})`,
            );
          } finally {
            if (stopped.length > 0) {
              await resolver.control.start(stopped);
              options.onLeftBehind?.(undefined);
              await resolver.control.waitHealthy(stopped, resolver.startTimeout(item.service) * 1000);
            }
          }
          break;
        }
        case 'config': {
          const part = await backupConfig(options.paths, writer);
          say(`ok    aistack.yaml, secrets and TLS (${formatBytes(part.size, 'below-ten')}, encrypted)`);
          break;
        }
      }
    }
    if (plan.items.length === 0) {
      throw new BackupError('AIS_BACKUP_NOTHING_TO_DO', {
        hint: 'run `aistack backup` without names to back up everything',
      });
    }
    stopIfInterrupted();
    return await writer.commit();
  } catch (error: unknown) {
    await writer.abort().catch(() => undefined);
    throw error;
  }
}

/** Remove `.partial-*` directories whose writer is gone (a crash or a kill left them). */
export async function removeStalePartials(backupsDirectory: string): Promise<string[]> {
  const removed: string[] = [];
  let names: string[];
  try {
    names = await readdir(backupsDirectory);
  } catch (error: unknown) {
    if (isMissingFile(error)) return removed;
    throw unreadable(backupsDirectory, error as Error);
  }
  for (const name of names) {
    if (!name.startsWith(PARTIAL_PREFIX)) continue;
    const pidFile = path.join(backupsDirectory, name, 'writer.pid');
    const pid = Number(((await readFileIfExists(pidFile, (error) => unreadable(pidFile, error))) ?? '').trim());
    if (pid > 0 && isAlive(pid)) continue;
    await rm(path.join(backupsDirectory, name), { recursive: true, force: true });
    removed.push(name);
  }
  return removed;
}

function unreadable(file: string, error: Error): BackupError {
  return new BackupError('AIS_BACKUP_DIRECTORY_UNREADABLE', {
    path: file,
    reason: error.message,
    hint: 'make the backups directory readable by the user running aistack',
    cause: error,
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error: unknown) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
