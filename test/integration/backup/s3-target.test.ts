import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { CreateBucketCommand, GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readArchive } from '../../../src/backup/archive-reader.js';
import { createArchiveWriter } from '../../../src/backup/archive-writer.js';
import { uploadArchiveToS3 } from '../../../src/backup/s3-target.js';
import { freePort } from '../../backup/support/servers.js';

/**
 * There is no S3 here. When moto's S3 server (`moto_server`, a Python package) is installed, the
 * upload is exercised against it on a loopback port; otherwise this file is skipped and only the
 * pure parts (part plan, ETag) are tested in test/backup/s3-target.test.ts.
 */
const available = spawnSync('moto_server', ['--help'], { stdio: 'ignore' }).status === 0;

let moto: ChildProcess | undefined;
let endpoint: string;
let directory: string;
let client: S3Client;

beforeAll(async () => {
  if (!available) return;
  const port = await freePort();
  endpoint = `http://127.0.0.1:${port}`;
  moto = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' });
  process.env.AWS_ACCESS_KEY_ID = 'test-only';
  process.env.AWS_SECRET_ACCESS_KEY = 'test-only';
  client = new S3Client({ region: 'us-east-1', endpoint, forcePathStyle: true });
  for (let attempt = 0; attempt < 100; attempt += 1) {
    try {
      await client.send(new CreateBucketCommand({ Bucket: 'backups' }));
      break;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  directory = await mkdtemp(path.join(os.tmpdir(), 'aistack-backup-s3-'));
}, 60_000);

afterAll(async () => {
  moto?.kill('SIGTERM');
  if (directory) await rm(directory, { recursive: true, force: true });
});

describe.skipIf(!available)('S3 target (moto_server)', () => {
  it('uploads an archive as one tarball in parts, checks HEAD size and ETag, then uploads the manifest', async () => {
    const writer = await createArchiveWriter({
      backupsDirectory: directory,
      key: randomBytes(32),
      now: new Date(),
      trigger: 'manual',
      stack: { name: 't', manifestSha256: '' },
      aistackVersion: 'test',
      selection: [],
    });
    await writer.writePart(
      { name: 'big.tar', kind: 'volume-tar', service: 'files', volume: 'files-data' },
      Readable.from([randomBytes(20 * 1024 * 1024)]),
      { compress: false },
    );
    const { manifest } = await writer.commit();
    const settings = { bucket: 'backups', prefix: 'stack/', region: 'us-east-1', endpoint };
    const result = await uploadArchiveToS3(await readArchive(directory, manifest.id), settings, client);
    expect(result.key).toBe(`stack/${manifest.id}.tar`);
    expect(result.etag).toMatch(/^[0-9a-f]{32}-2$/);
    const uploaded = await client.send(new GetObjectCommand({ Bucket: 'backups', Key: `stack/${manifest.id}.manifest.json` }));
    expect((JSON.parse(await uploaded.Body!.transformToString()) as { id: string }).id).toBe(manifest.id);
  });

  it('fails with a clear error when the bucket does not exist', async () => {
    const writer = await createArchiveWriter({
      backupsDirectory: directory,
      key: randomBytes(32),
      now: new Date(),
      trigger: 'manual',
      stack: { name: 't', manifestSha256: '' },
      aistackVersion: 'test',
      selection: [],
    });
    await writer.writePart(
      { name: 'small', kind: 'volume-tar', service: 'files', volume: 'files-data' },
      Readable.from([Buffer.from('x')]),
      { compress: false },
    );
    const { manifest } = await writer.commit();
    await expect(
      uploadArchiveToS3(
        await readArchive(directory, manifest.id),
        { bucket: 'missing', prefix: '', region: 'us-east-1', endpoint },
        client,
      ),
    ).rejects.toThrow(`S3 upload of ${manifest.id}.tar in bucket missing failed`);
  });
});
