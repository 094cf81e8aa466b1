import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, open, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Transform } from 'node:stream';
import type { Readable, TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { BackupError } from '../errors.js';
import type { ArchiveManifest, ArchivePart } from './archive-manifest.js';
import { ARCHIVE_FORMAT, ARCHIVE_FORMAT_VERSION, MANIFEST_FILE } from './archive-manifest.js';
import { computeKeyId, createEncryptStream, ENCRYPTION_ALGORITHM } from './encryption.js';

/** An archive being written: parts go into `.partial-<id>/`, renamed to `<id>/` only by `commit`. */
export interface ArchiveWriter {
  readonly id: string;
  readonly temporaryDirectory: string;
  /** Stream `source` into a part; `observe` sees every plain byte (for file hashes). */
  writePart(
    part: Omit<ArchivePart, 'size' | 'sha256' | 'plainSize' | 'file' | 'compression' | 'encrypted'> & { readonly name: string },
    source: Readable,
    options: { readonly compress: boolean; readonly observe?: (chunk: Buffer) => void },
  ): Promise<ArchivePart>;
  /** Record a part whose check is only known after writing (row counts). */
  updatePart(file: string, update: Partial<Pick<ArchivePart, 'check' | 'tool' | 'details'>>): void;
  skip(entry: ArchiveManifest['skipped'][number]): void;
  commit(): Promise<{ readonly directory: string; readonly manifest: ArchiveManifest }>;
  /** Remove everything written so far (best effort). */
  abort(): Promise<void>;
}

export const PARTIAL_PREFIX = '.partial-';

export interface ArchiveWriterOptions {
  readonly backupsDirectory: string;
  readonly key: Buffer;
  readonly now: Date;
  readonly trigger: ArchiveManifest['trigger'];
  readonly stack: ArchiveManifest['stack'];
  readonly aistackVersion: string;
  readonly selection: readonly string[];
}

export function formatArchiveId(now: Date, suffix: string = randomBytes(3).toString('hex')): string {
  return `${now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z')}-${suffix}`;
}

export async function createArchiveWriter(options: ArchiveWriterOptions): Promise<ArchiveWriter> {
  const id = formatArchiveId(options.now);
  const temporaryDirectory = path.join(options.backupsDirectory, `${PARTIAL_PREFIX}${id}`);
  const finalDirectory = path.join(options.backupsDirectory, id);
  await mkdir(path.join(temporaryDirectory, 'parts'), { recursive: true, mode: 0o700 });
  // The pid lets `backup list` and the next backup tell a crashed attempt from one still running.
  await writeFile(path.join(temporaryDirectory, 'writer.pid'), `${process.pid}\n`);
  const parts: ArchivePart[] = [];
  const skipped: ArchiveManifest['skipped'][number][] = [];
  const names = new Set<string>();

  return {
    id,
    temporaryDirectory,
    async writePart(part, source, writeOptions) {
      const safeName = part.name.replace(/[^A-Za-z0-9._-]/g, '_');
      let file = `parts/${String(parts.length + 1).padStart(3, '0')}-${safeName}${writeOptions.compress ? '.gz' : ''}.enc`;
      if (names.has(file)) file = `parts/${String(parts.length + 1).padStart(3, '0')}-${randomBytes(2).toString('hex')}-${safeName}.enc`;
      names.add(file);
      const plain = createCounter(writeOptions.observe);
      const stored = createCounter(undefined, true);
      const stages: NodeJS.ReadWriteStream[] = [plain];
      if (writeOptions.compress) stages.push(createGzip({ level: 6 }));
      stages.push(createEncryptStream(options.key), stored);
      const target = path.join(temporaryDirectory, file);
      try {
        await pipeline([source, ...stages, createWriteStream(target, { mode: 0o600 })] as NodeJS.ReadWriteStream[]);
      } catch (error: unknown) {
        if (error instanceof BackupError) throw error;
        throw new BackupError('AIS_BACKUP_WRITE_FAILED', {
          part: part.name,
          reason: (error as Error).message,
          hint: 'check free disk space and the message above; no archive was recorded',
          cause: error,
        });
      }
      await syncFile(target);
      const { name: _name, ...rest } = part;
      const record: ArchivePart = {
        ...rest,
        file,
        compression: writeOptions.compress ? 'gzip' : 'none',
        encrypted: true,
        size: stored.size(),
        sha256: stored.digest(),
        plainSize: plain.size(),
      };
      parts.push(record);
      return record;
    },
    updatePart(file, update) {
      const index = parts.findIndex((part) => part.file === file);
      const current = parts[index];
      if (current) parts[index] = { ...current, ...update };
    },
    skip(entry) {
      skipped.push(entry);
    },
    async commit() {
      const manifest: ArchiveManifest = {
        format: ARCHIVE_FORMAT,
        formatVersion: ARCHIVE_FORMAT_VERSION,
        id,
        createdAt: options.now.toISOString(),
        completedAt: new Date().toISOString(),
        trigger: options.trigger,
        stack: options.stack,
        aistackVersion: options.aistackVersion,
        selection: [...options.selection],
        encryption: { algorithm: ENCRYPTION_ALGORITHM, keyId: computeKeyId(options.key) },
        parts,
        skipped,
        totalSize: parts.reduce((sum, part) => sum + part.size, 0),
      };
      const manifestPath = path.join(temporaryDirectory, MANIFEST_FILE);
      await writeFile(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
      await syncFile(manifestPath);
      await rm(path.join(temporaryDirectory, 'writer.pid'), { force: true });
      await syncFile(path.join(temporaryDirectory, 'parts'));
      await syncFile(temporaryDirectory);
      await rename(temporaryDirectory, finalDirectory);
      await syncFile(options.backupsDirectory);
      return { directory: finalDirectory, manifest };
    },
    async abort() {
      await rm(temporaryDirectory, { recursive: true, force: true });
    },
  };
}

/** fsync a file or a directory so a rename that follows cannot expose unwritten data after a crash. */
export async function syncFile(target: string): Promise<void> {
  const handle = await open(target, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

interface Counter extends Transform {
  size(): number;
  digest(): string;
}

function createCounter(observe: ((chunk: Buffer) => void) | undefined, hash = false): Counter {
  const sha = hash ? createHash('sha256') : undefined;
  let bytes = 0;
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      bytes += chunk.length;
      sha?.update(chunk);
      try {
        observe?.(chunk);
      } catch (error: unknown) {
        callback(error as Error);
        return;
      }
      callback(null, chunk);
    },
  }) as Counter;
  stream.size = () => bytes;
  stream.digest = () => sha?.digest('hex') ?? '';
  return stream;
}
