import path from 'node:path';
import type { ProjectPaths } from '../project/paths.js';
import type { Stack } from '../stack/types.js';
import type { RetentionPolicy } from './retention.js';

/** backup: in aistack.yaml, with defaults filled in. */
export interface BackupSettings {
  /** Where archives go. @default .aistack/backups */
  readonly directory: string;
  /** Cron expression run by `aistack serve`; undefined: no schedule. */
  readonly schedule: string | undefined;
  readonly keep: RetentionPolicy;
  readonly s3:
    | { readonly bucket: string; readonly prefix: string; readonly region: string | undefined; readonly endpoint: string | undefined }
    | undefined;
}

export function resolveBackupSettings(stack: Stack, paths: ProjectPaths): BackupSettings {
  const backup = stack.backup;
  return {
    directory: backup.directory ? path.resolve(paths.directory, backup.directory) : paths.backups,
    schedule: backup.schedule,
    keep: backup.keep,
    s3: backup.s3,
  };
}
