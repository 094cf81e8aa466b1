import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPart, readArchive } from '../../src/backup/archive-reader.js';
import { createArchiveWriter } from '../../src/backup/archive-writer.js';
import { backupQdrant, restoreQdrantCollection, verifyQdrantSnapshot } from '../../src/backup/qdrant-strategy.js';

/**
 * No Qdrant binary or image can be had here, so this is a stand-in that speaks the documented
 * snapshot API (collections, aliases, create/download/delete snapshot, upload with checksum) and
 * records what it was asked. It checks our client, not Qdrant.
 */
const snapshots = new Map<string, Buffer>([
  ['docs', randomBytes(300_000)],
  ['faq', Buffer.from('faq snapshot')],
]);
const requests: string[] = [];
const uploads: { collection: string; query: string; body: Buffer }[] = [];
const aliasActions: unknown[] = [];
let server: http.Server;
let baseUrl: string;
let directory: string;

beforeAll(async () => {
  server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const url = new URL(request.url ?? '/', 'http://localhost');
      requests.push(`${request.method} ${url.pathname}${url.search}`);
      const send = (status: number, body: unknown): void => {
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(JSON.stringify(body));
      };
      if (request.headers['api-key'] !== 'the-key') {
        send(403, { status: { error: 'Must provide an API key' } });
        return;
      }
      const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
      if (url.pathname === '/') {
        send(200, { title: 'qdrant', version: '1.19.0' });
        return;
      }
      if (url.pathname === '/collections' && request.method === 'GET') {
        send(200, { result: { collections: [{ name: 'faq' }, { name: 'docs' }] }, status: 'ok' });
        return;
      }
      if (url.pathname === '/aliases') {
        send(200, { result: { aliases: [{ alias_name: 'current-docs', collection_name: 'docs' }] }, status: 'ok' });
        return;
      }
      if (url.pathname === '/collections/aliases') {
        aliasActions.push(JSON.parse(Buffer.concat(chunks).toString()));
        send(200, { result: true, status: 'ok' });
        return;
      }
      const [, collection, , name] = parts;
      const data = snapshots.get(collection ?? '');
      if (!data) {
        send(404, { status: { error: 'Not found' } });
        return;
      }
      if (parts.length === 3 && parts[2] === 'snapshots' && request.method === 'POST') {
        send(200, {
          result: { name: `${collection}-1.snapshot`, size: data.length, checksum: createHash('sha256').update(data).digest('hex') },
          status: 'ok',
        });
        return;
      }
      if (parts.length === 4 && name === 'upload' && request.method === 'POST') {
        uploads.push({ collection: collection!, query: url.search, body: Buffer.concat(chunks) });
        send(200, { result: true, status: 'ok' });
        return;
      }
      if (parts.length === 4 && request.method === 'GET') {
        response.writeHead(200, { 'content-type': 'application/octet-stream' });
        response.end(data);
        return;
      }
      if (parts.length === 4 && request.method === 'DELETE') {
        send(200, { result: true, status: 'ok' });
        return;
      }
      send(404, { status: { error: 'Not found' } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  directory = await mkdtemp(path.join(os.tmpdir(), 'aistack-backup-qdrant-'));
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await rm(directory, { recursive: true, force: true });
});

describe('qdrant strategy', () => {
  it('snapshots every collection, keeps aliases, deletes the snapshot from Qdrant, and uploads it back with its checksum', async () => {
    const key = randomBytes(32);
    const target = { baseUrl, apiKey: 'the-key' };
    const writer = await createArchiveWriter({
      backupsDirectory: directory,
      key,
      now: new Date(),
      trigger: 'manual',
      stack: { name: 't', manifestSha256: '' },
      aistackVersion: 'test',
      selection: [],
    });
    const parts = await backupQdrant(target, writer, 'qdrant', 'qdrant-storage');
    const { manifest } = await writer.commit();
    expect(parts.map((part) => [part.collection, part.details?.aliases])).toEqual([
      ['docs', ['current-docs']],
      ['faq', []],
    ]);
    expect(requests.filter((line) => line.startsWith('POST') || line.startsWith('DELETE'))).toEqual([
      'POST /collections/docs/snapshots?wait=true',
      'DELETE /collections/docs/snapshots/docs-1.snapshot',
      'POST /collections/faq/snapshots?wait=true',
      'DELETE /collections/faq/snapshots/faq-1.snapshot',
    ]);
    const entry = await readArchive(directory, manifest.id);
    const docs = entry.manifest.parts[0]!;
    const checksum = createHash('sha256').update(snapshots.get('docs')!).digest('hex');
    expect(await verifyQdrantSnapshot(openPart(entry, docs, key), checksum)).toEqual({ ok: true, message: 'snapshot checksum matches' });

    await restoreQdrantCollection(target, docs, openPart(entry, docs, key));
    expect(uploads[0]!.query).toBe(`?wait=true&priority=snapshot&checksum=${checksum}`);
    expect(uploads[0]!.body.includes(snapshots.get('docs')!)).toBe(true);
    expect(uploads[0]!.body.toString('latin1')).toContain('name="snapshot"');
    expect(aliasActions).toEqual([{ actions: [{ create_alias: { collection_name: 'docs', alias_name: 'current-docs' } }] }]);
  });

  it('says what Qdrant answered when the api key is wrong', async () => {
    const writer = await createArchiveWriter({
      backupsDirectory: directory,
      key: randomBytes(32),
      now: new Date(),
      trigger: 'manual',
      stack: { name: 't', manifestSha256: '' },
      aistackVersion: 'test',
      selection: [],
    });
    await expect(backupQdrant({ baseUrl, apiKey: 'wrong' }, writer, 'qdrant', 'qdrant-storage')).rejects.toThrow(
      'Qdrant answered 403 to GET /collections: {"status":{"error":"Must provide an API key"}}',
    );
    await writer.abort();
  });
});
