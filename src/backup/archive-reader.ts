import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { pipeline, Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { AistackError, BackupError } from '../errors.js';
import type { ArchiveManifest, ArchivePart } from './archive-manifest.js';
import { MANIFEST_FILE, parseArchiveManifest } from './archive-manifest.js';
import { isMissingFile } from '../util/is-missing-file.js';
import { readFileIfExists } from '../util/read-file-if-exists.js';
import { writeFileAtomic } from '../util/write-file-atomic.js';
import { PARTIAL_PREFIX } from './archive-writer.js';
import { createDecryptStream } from './encryption.js';

export const VERIFICATION_FILE = 'verification.json';

/** The outcome of the last `verify` of an archive, kept next to its manifest. */
export interface VerificationRecord {
  readonly at: string;
  readonly ok: boolean;
  readonly summary: string;
  readonly parts: readonly {
    readonly file: string;
    readonly ok: boolean;
    /** The error code of a failed part (AIS_BACKUP_DECRYPT_FAILED, AIS_BACKUP_VERIFY_FAILED …). */
    readonly code?: string;
    readonly message: string;
  }[];
}

export interface ArchiveEntry {
  readonly id: string;
  readonly directory: string;
  readonly manifest: ArchiveManifest;
  readonly verification: VerificationRecord | undefined;
}

export interface ArchiveListing {
  readonly archives: readonly ArchiveEntry[];
  /** Directories that are not complete archives (interrupted or damaged), never listed as good. */
  readonly incomplete: readonly { readonly name: string; readonly reason: string }[];
}

/** Every complete archive in the directory, newest first. */
export async function listArchives(backupsDirectory: string): Promise<ArchiveListing> {
  let names: string[];
  try {
    names = (await readdir(backupsDirectory, { withFileTypes: true })).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
  } catch (error: unknown) {
    if (isMissingFile(error)) return { archives: [], incomplete: [] };
    throw new BackupError('AIS_BACKUP_DIRECTORY_UNREADABLE', {
      path: backupsDirectory,
      reason: (error as Error).message,
      listing: true,
      hint: 'make it readable by the user running aistack',
      cause: error,
    });
  }
  const archives: ArchiveEntry[] = [];
  const incomplete: { name: string; reason: string }[] = [];
  for (const name of names.sort()) {
    if (name.startsWith(PARTIAL_PREFIX)) {
      incomplete.push({ name, reason: 'not finished (interrupted, or still being written)' });
      continue;
    }
    if (name.startsWith('.')) continue;
    try {
      archives.push(await readArchive(backupsDirectory, name));
    } catch (error: unknown) {
      incomplete.push({ name, reason: error instanceof Error ? error.message : String(error) });
    }
  }
  archives.sort((a, b) =>
    a.manifest.createdAt < b.manifest.createdAt ? 1 : a.manifest.createdAt > b.manifest.createdAt ? -1 : b.id.localeCompare(a.id),
  );
  return { archives, incomplete };
}

export async function readArchive(backupsDirectory: string, id: string): Promise<ArchiveEntry> {
  if (!/^[A-Za-z0-9._-]+$/.test(id) || id.startsWith('.')) {
    throw new BackupError('AIS_BACKUP_NOT_FOUND', {
      id,
      directory: backupsDirectory,
      hint: 'run `aistack backup list` to see the archives',
    });
  }
  const directory = path.join(backupsDirectory, id);
  const file = path.join(directory, MANIFEST_FILE);
  const text = await readFileIfExists(file, (error) => unreadablePart(`${id}/${MANIFEST_FILE}`, error));
  if (text === undefined) {
    throw new BackupError('AIS_BACKUP_NOT_FOUND', {
      id,
      directory: backupsDirectory,
      hint: 'run `aistack backup list` to see the archives',
    });
  }
  const manifest = parseArchiveManifest(text, `${id}/${MANIFEST_FILE}`);
  if (manifest.id !== id) {
    throw new BackupError('AIS_BACKUP_MANIFEST_INVALID', {
      file: `${id}/${MANIFEST_FILE}`,
      namedArchive: manifest.id,
      hint: 'the archive directory was renamed or mixed up; use another archive',
    });
  }
  return { id, directory, manifest, verification: await readVerification(directory, id) };
}

/**
 * verification.json: absent means "never verified"; unreadable or damaged counts as a failed
 * verification (shown as FAILED, never as "not verified" or "good"), and `backup verify` rewrites it.
 */
async function readVerification(directory: string, id: string): Promise<VerificationRecord | undefined> {
  const file = path.join(directory, VERIFICATION_FILE);
  let text: string | undefined;
  try {
    text = await readFileIfExists(file, (error) => error);
  } catch (error: unknown) {
    return damagedVerification(id, `cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  if (text === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return damagedVerification(id, 'is not valid JSON');
  }
  const record = value as Partial<VerificationRecord> | null;
  if (typeof record !== 'object' || record === null || typeof record.ok !== 'boolean' || typeof record.at !== 'string') {
    return damagedVerification(id, 'is not a verification record');
  }
  return { at: record.at, ok: record.ok, summary: record.summary ?? '', parts: Array.isArray(record.parts) ? record.parts : [] };
}

function damagedVerification(id: string, why: string): VerificationRecord {
  return {
    at: '',
    ok: false,
    summary: `${id}/${VERIFICATION_FILE} ${why}; run \`aistack backup verify ${id}\` again`,
    parts: [],
  };
}

export async function writeVerification(directory: string, record: VerificationRecord): Promise<void> {
  await writeFileAtomic(path.join(directory, VERIFICATION_FILE), `${JSON.stringify(record, null, 2)}\n`, 0o600);
}

/** Size and sha256 of every part as stored; throws AIS_BACKUP_CHECKSUM_MISMATCH naming the first bad part. */
export async function checkArchiveChecksums(entry: ArchiveEntry, parts: readonly ArchivePart[] = entry.manifest.parts): Promise<void> {
  for (const part of parts) {
    const file = path.join(entry.directory, part.file);
    let size: number;
    try {
      size = (await stat(file)).size;
    } catch (error: unknown) {
      if (!isMissingFile(error)) throw unreadablePart(`${entry.id}/${part.file}`, error as Error);
      throw new BackupError('AIS_BACKUP_PART_MISSING', {
        archive: entry.id,
        file: part.file,
        hint: 'the archive is incomplete; use another one (`aistack backup list`)',
        cause: error,
      });
    }
    if (size !== part.size) {
      throw new BackupError('AIS_BACKUP_CHECKSUM_MISMATCH', {
        archive: entry.id,
        file: part.file,
        sizes: { actual: size, recorded: part.size },
        hint: 'the archive is damaged; nothing was restored. Use another one (`aistack backup list`)',
      });
    }
    const digest = await hashFile(file).catch((error: unknown) => {
      throw unreadablePart(`${entry.id}/${part.file}`, error as Error);
    });
    if (digest !== part.sha256) {
      throw new BackupError('AIS_BACKUP_CHECKSUM_MISMATCH', {
        archive: entry.id,
        file: part.file,
        hint: 'the archive is damaged; nothing was restored. Use another one (`aistack backup list`)',
      });
    }
  }
}

export async function hashFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * The part's plain bytes: decrypted (authenticated) and decompressed. Lazy: nothing is read until
 * the consumer reads, so a part that fails to authenticate while the consumer is still preparing
 * (creating a scratch database, starting a helper) cannot raise an error nobody listens to. Every
 * failure reaches the consumer as a coded BackupError.
 */
export function openPart(entry: ArchiveEntry, part: ArchivePart, key: Buffer): Readable {
  return Readable.from(readPart(entry, part, key), { objectMode: false });
}

async function* readPart(entry: ArchiveEntry, part: ArchivePart, key: Buffer): AsyncGenerator<Buffer> {
  const label = `${entry.id}/${part.file}`;
  const source = createReadStream(path.join(entry.directory, part.file));
  const decrypt = createDecryptStream(key, label);
  // pipeline() listens for errors on every stage and destroys the others with the first one.
  const output: Readable =
    part.compression === 'gzip' ? pipeline(source, decrypt, createGunzip(), () => undefined) : pipeline(source, decrypt, () => undefined);
  try {
    for await (const chunk of output) yield chunk as Buffer;
  } catch (error: unknown) {
    throw toPartError(error, label);
  } finally {
    output.destroy();
  }
}

function toPartError(error: unknown, label: string): unknown {
  if (error instanceof AistackError) return error;
  const code = (error as NodeJS.ErrnoException).code ?? '';
  if (code.startsWith('Z_')) {
    return new BackupError('AIS_BACKUP_PART_INVALID', {
      part: label,
      gzipError: (error as Error).message,
      hint: 'the archive is damaged; use another one',
      cause: error,
    });
  }
  return unreadablePart(label, error as Error);
}

function unreadablePart(label: string, error: Error): BackupError {
  return new BackupError('AIS_BACKUP_PART_UNREADABLE', {
    part: label,
    reason: error.message,
    hint: 'check the permissions of the archive directory (it must be readable by the user running aistack)',
    cause: error,
  });
}

/** Read a whole part through a consumer and make sure every byte authenticated (used before any restore). */
export async function drainPart(stream: Readable, onChunk?: (chunk: Buffer) => void): Promise<number> {
  let bytes = 0;
  for await (const chunk of stream) {
    bytes += (chunk as Buffer).length;
    onChunk?.(chunk as Buffer);
  }
  return bytes;
}
