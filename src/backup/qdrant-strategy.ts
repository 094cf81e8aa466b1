import { createHash } from 'node:crypto';
import { createWriteStream, openAsBlob } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { pipeline } from 'node:stream/promises';
import { BackupError } from '../errors.js';
import type { ArchivePart } from './archive-manifest.js';
import type { ArchiveWriter } from './archive-writer.js';

/** Qdrant's REST API (port 6333), with the api-key header when the stack sets one. */
export interface QdrantTarget {
  readonly baseUrl: string;
  readonly apiKey?: string;
}

async function call(target: QdrantTarget, method: string, pathname: string, body?: unknown): Promise<Response> {
  const headers: Record<string, string> = {};
  if (target.apiKey) headers['api-key'] = target.apiKey;
  if (body !== undefined && !(body instanceof FormData)) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(new URL(pathname, target.baseUrl), {
      method,
      headers,
      ...(body === undefined ? {} : { body: body instanceof FormData ? body : JSON.stringify(body) }),
      signal: AbortSignal.timeout(60 * 60_000),
    });
  } catch (error: unknown) {
    throw new BackupError('AIS_BACKUP_QDRANT_FAILED', {
      baseUrl: target.baseUrl,
      request: `${method} ${pathname}`,
      reason: (error as Error).message,
      hint: 'is the qdrant service running?',
      cause: error,
    });
  }
  if (!response.ok) {
    const text = (await response.text().catch(() => '')).slice(0, 300);
    throw new BackupError('AIS_BACKUP_QDRANT_FAILED', {
      status: response.status,
      request: `${method} ${pathname}`,
      body: text,
      hint: 'check the api key and the Qdrant log',
    });
  }
  return response;
}

async function json<T>(response: Response): Promise<T> {
  return ((await response.json()) as { result: T }).result;
}

/**
 * One snapshot per collection (`POST /collections/{c}/snapshots`), downloaded into the archive and
 * then deleted from Qdrant's snapshot directory. Aliases are not in snapshots, so they are recorded.
 */
export async function backupQdrant(target: QdrantTarget, writer: ArchiveWriter, service: string, volume: string): Promise<ArchivePart[]> {
  const collections = (await json<{ collections: { name: string }[] }>(await call(target, 'GET', '/collections'))).collections
    .map((entry) => entry.name)
    .sort();
  const aliases = (
    await json<{ aliases: { alias_name: string; collection_name: string }[] }>(await call(target, 'GET', '/aliases')).catch(() => ({
      aliases: [],
    }))
  ).aliases;
  const version = await call(target, 'GET', '/')
    .then(async (response) => ((await response.json()) as { version?: string }).version ?? 'unknown')
    .catch(() => 'unknown');
  const parts: ArchivePart[] = [];
  for (const collection of collections) {
    const encoded = encodeURIComponent(collection);
    const snapshot = await json<{ name: string; checksum?: string | null }>(
      await call(target, 'POST', `/collections/${encoded}/snapshots?wait=true`),
    );
    const snapshotPath = `/collections/${encoded}/snapshots/${encodeURIComponent(snapshot.name)}`;
    try {
      const download = await call(target, 'GET', snapshotPath);
      if (!download.body)
        throw new BackupError('AIS_BACKUP_QDRANT_FAILED', {
          collection,
          snapshot: 'empty',
          hint: 'retry; read the Qdrant log',
        });
      const hash = createHash('sha256');
      const part = await writer.writePart(
        {
          name: `qdrant-${collection}.snapshot`,
          kind: 'qdrant-snapshot',
          service,
          volume,
          collection,
          tool: { name: 'qdrant', version },
          details: {
            snapshot: snapshot.name,
            aliases: aliases.filter((alias) => alias.collection_name === collection).map((alias) => alias.alias_name),
          },
        },
        Readable.fromWeb(download.body as unknown as WebReadableStream),
        { compress: false, observe: (chunk) => hash.update(chunk) },
      );
      const digest = hash.digest('hex');
      if (snapshot.checksum && snapshot.checksum !== digest) {
        throw new BackupError('AIS_BACKUP_QDRANT_FAILED', {
          collection,
          snapshot: 'checksum-differs',
          hint: 'retry the backup',
        });
      }
      const check = { kind: 'snapshot-checksum' as const, checksum: digest };
      writer.updatePart(part.file, { check });
      parts.push({ ...part, check });
    } finally {
      await call(target, 'DELETE', snapshotPath).catch(() => undefined);
    }
  }
  return parts;
}

/** Upload the snapshot with its sha256 (`POST /collections/{c}/snapshots/upload?priority=snapshot`), then recreate aliases. */
export async function restoreQdrantCollection(target: QdrantTarget, part: ArchivePart, plain: Readable): Promise<void> {
  const collection = part.collection ?? '';
  const staging = await mkdtemp(path.join(os.tmpdir(), 'aistack-qdrant-'));
  try {
    const file = path.join(staging, 'snapshot');
    await pipeline(plain, createWriteStream(file, { mode: 0o600 }));
    const form = new FormData();
    form.append('snapshot', await openAsBlob(file), `${collection}.snapshot`);
    const checksum = part.check?.kind === 'snapshot-checksum' ? `&checksum=${part.check.checksum}` : '';
    await call(
      target,
      'POST',
      `/collections/${encodeURIComponent(collection)}/snapshots/upload?wait=true&priority=snapshot${checksum}`,
      form,
    );
    const aliases = part.details?.aliases;
    if (Array.isArray(aliases) && aliases.length > 0) {
      await call(target, 'POST', '/collections/aliases', {
        actions: aliases.map((alias) => ({ create_alias: { collection_name: collection, alias_name: alias } })),
      });
    }
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/** A snapshot verifies when its bytes hash to what was recorded (Qdrant checks its own content on recovery). */
export async function verifyQdrantSnapshot(plain: Readable, expected: string): Promise<{ ok: boolean; message: string }> {
  const hash = createHash('sha256');
  for await (const chunk of plain) hash.update(chunk as Buffer);
  const digest = hash.digest('hex');
  return digest === expected ? { ok: true, message: 'snapshot checksum matches' } : { ok: false, message: 'snapshot checksum differs' };
}
