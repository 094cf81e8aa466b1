import type { Manifest } from '../../manifest/schema.js';
import type { StackBackupSettings } from '../types.js';

/** `backup:` in aistack.yaml with its defaults; the shell makes `directory` absolute. */
export function resolveBackup(manifest: Manifest): StackBackupSettings {
  const backup = manifest.backup;
  return {
    directory: backup?.directory,
    schedule: backup?.schedule,
    keep: backup?.keep ?? {},
    s3: backup?.s3
      ? { bucket: backup.s3.bucket, prefix: backup.s3.prefix ?? '', region: backup.s3.region, endpoint: backup.s3.endpoint }
      : undefined,
    includeModels: backup?.includeModels ?? false,
  };
}
