import { z } from 'zod';
import { BackupError } from '../errors.js';

/** The archive format this version writes; restore refuses any other major version. */
export const ARCHIVE_FORMAT = 'aistack-backup';
export const ARCHIVE_FORMAT_VERSION = 1;
export const MANIFEST_FILE = 'manifest.json';

const toolSchema = z.object({ name: z.string(), version: z.string() });

const checkSchema = z.discriminatedUnion('kind', [
  /** Row count per table (schema.table), counted in the snapshot pg_dump used. */
  z.object({ kind: z.literal('row-counts'), tables: z.record(z.string(), z.number()) }),
  /** Keys in the RDB and sha256 of the DUMP of a sample of them. */
  z.object({ kind: z.literal('redis-keys'), keys: z.number(), sample: z.record(z.string(), z.string()) }),
  /** sha256 of every regular file in the tar, by path relative to the volume. */
  z.object({ kind: z.literal('file-hashes'), files: z.record(z.string(), z.string()), directories: z.number() }),
  /** Qdrant's own checksum of the snapshot. */
  z.object({ kind: z.literal('snapshot-checksum'), checksum: z.string() }),
]);

export const partSchema = z.object({
  /** File name inside the archive directory (`parts/...`). */
  file: z.string().regex(/^parts\/[A-Za-z0-9._-]+$/),
  kind: z.enum(['pg-dump', 'redis-rdb', 'qdrant-snapshot', 'volume-tar', 'config']),
  /** The stack service whose state this is (`postgres`, `redis`, `n8n`, or `aistack` for config). */
  service: z.string(),
  /** The service that owns the data (the database's application for pg-dump). */
  owner: z.string().optional(),
  volume: z.string().optional(),
  database: z.string().optional(),
  role: z.string().optional(),
  collection: z.string().optional(),
  /** In-container path the volume is mounted at. */
  target: z.string().optional(),
  compression: z.enum(['none', 'gzip']),
  encrypted: z.boolean(),
  /** Bytes as stored (after compression and encryption). */
  size: z.number(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** Bytes of the data before compression and encryption. */
  plainSize: z.number(),
  tool: toolSchema.optional(),
  check: checkSchema.optional(),
  /** Anything the restore needs to know (file owner, AOF, aliases). */
  details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.array(z.string())])).optional(),
});

export const archiveManifestSchema = z.object({
  format: z.literal(ARCHIVE_FORMAT),
  formatVersion: z.number().int(),
  id: z.string().regex(/^[0-9]{8}T[0-9]{6}Z-[0-9a-f]{6}$/),
  createdAt: z.string(),
  completedAt: z.string(),
  trigger: z.enum(['manual', 'schedule', 'upgrade']),
  stack: z.object({ name: z.string(), manifestSha256: z.string(), revision: z.number().optional() }),
  aistackVersion: z.string(),
  /** Services asked for (empty: everything). */
  selection: z.array(z.string()),
  encryption: z.object({ algorithm: z.string(), keyId: z.string() }).optional(),
  parts: z.array(partSchema),
  skipped: z.array(z.object({ service: z.string(), volume: z.string(), reason: z.string() })),
  totalSize: z.number(),
});

export type ArchivePart = z.infer<typeof partSchema>;
export type ArchiveManifest = z.infer<typeof archiveManifestSchema>;
export type PartCheck = NonNullable<ArchivePart['check']>;

/** Parse manifest.json text; refuses other formats and versions with a clear message. */
export function parseArchiveManifest(text: string, where: string): ArchiveManifest {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error: unknown) {
    throw new BackupError('AIS_BACKUP_MANIFEST_INVALID', {
      file: where,
      jsonError: (error as Error).message,
      hint: 'the archive is damaged; use another one (`aistack backup list`)',
      cause: error,
    });
  }
  const head = raw as { format?: unknown; formatVersion?: unknown } | null;
  if (
    head &&
    typeof head === 'object' &&
    head.format === ARCHIVE_FORMAT &&
    typeof head.formatVersion === 'number' &&
    head.formatVersion !== ARCHIVE_FORMAT_VERSION
  ) {
    throw new BackupError('AIS_BACKUP_VERSION_UNSUPPORTED', {
      file: where,
      version: head.formatVersion,
      supported: ARCHIVE_FORMAT_VERSION,
      hint:
        head.formatVersion > ARCHIVE_FORMAT_VERSION
          ? 'restore it with the newer aistack that wrote it'
          : 'restore it with the older aistack that wrote it',
    });
  }
  const parsed = archiveManifestSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new BackupError('AIS_BACKUP_MANIFEST_INVALID', {
      file: where,
      issue: issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'invalid',
      hint: 'the archive is damaged; use another one (`aistack backup list`)',
    });
  }
  return parsed.data;
}
