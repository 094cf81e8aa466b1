import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { create } from 'tar';
import { BackupError } from '../errors.js';
import type { ArchiveEntry } from './archive-reader.js';
import { MANIFEST_FILE } from './archive-manifest.js';
import { toS3UploadError } from './s3-error.js';

export interface S3Settings {
  readonly bucket: string;
  readonly prefix: string;
  readonly region: string | undefined;
  readonly endpoint: string | undefined;
}

/** 16 MiB parts: above S3's 5 MiB minimum, and 10,000 parts reach 156 GiB. */
export const PART_SIZE = 16 * 1024 * 1024;

/** The ETag S3 gives a multipart object: md5 of the concatenated part md5s, a dash, the part count. */
export function computeMultipartEtag(partMd5s: readonly Buffer[]): string {
  if (partMd5s.length === 1) return partMd5s[0]!.toString('hex');
  return `${createHash('md5').update(Buffer.concat(partMd5s)).digest('hex')}-${partMd5s.length}`;
}

/** Byte ranges of the parts of a file of `size` bytes. */
export function planParts(size: number, partSize: number = PART_SIZE): { start: number; end: number }[] {
  const parts: { start: number; end: number }[] = [];
  for (let start = 0; start < size || parts.length === 0; start += partSize) parts.push({ start, end: Math.min(size, start + partSize) });
  return parts;
}

export function createS3Client(settings: S3Settings): S3Client {
  return new S3Client({
    region: settings.region ?? 'us-east-1',
    ...(settings.endpoint ? { endpoint: settings.endpoint, forcePathStyle: true } : {}),
  });
}

/**
 * Upload `<prefix><id>.tar` (the archive directory as one tarball) in parts, check the object's
 * size and ETag with HEAD, then upload `<prefix><id>.manifest.json` — last, so a manifest in the
 * bucket means a complete, checked tarball. A mismatch is an error, never a quiet success.
 */
export async function uploadArchiveToS3(
  entry: ArchiveEntry,
  settings: S3Settings,
  client: S3Client = createS3Client(settings),
): Promise<{ readonly key: string; readonly size: number; readonly etag: string }> {
  const staging = await mkdtemp(path.join(os.tmpdir(), 'aistack-s3-'));
  const key = `${settings.prefix}${entry.id}.tar`;
  try {
    const tarball = path.join(staging, `${entry.id}.tar`);
    await pipeline(
      create({ cwd: path.dirname(entry.directory), portable: true }, [entry.id]) as unknown as Readable,
      createWriteStream(tarball),
    );
    const size = (await stat(tarball)).size;
    const ranges = planParts(size);
    const md5s: Buffer[] = [];
    const wrap = (error: unknown, action: string, objectKey = key): BackupError =>
      toS3UploadError(error, { action, bucket: settings.bucket, key: objectKey, endpoint: settings.endpoint, region: settings.region });
    // S3 (and MinIO) give a multipart object the md5 of the part md5s with `-N`; some S3-compatible
    // servers (s3rver) give the md5 of the whole object instead. Both are checked against what was read.
    const whole = createHash('md5');
    const readRange = async (range: { start: number; end: number }): Promise<Buffer> => {
      const chunks: Buffer[] = [];
      if (range.end > range.start)
        for await (const chunk of createReadStream(tarball, { start: range.start, end: range.end - 1 })) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    };
    if (ranges.length === 1) {
      const body = await readRange(ranges[0]!);
      whole.update(body);
      md5s.push(createHash('md5').update(body).digest());
      try {
        await client.send(new PutObjectCommand({ Bucket: settings.bucket, Key: key, Body: body, ContentLength: body.length }));
      } catch (error: unknown) {
        throw wrap(error, 'upload');
      }
    } else {
      let uploadId: string | undefined;
      try {
        uploadId = (await client.send(new CreateMultipartUploadCommand({ Bucket: settings.bucket, Key: key }))).UploadId;
        const completed: { ETag: string; PartNumber: number }[] = [];
        for (const [index, range] of ranges.entries()) {
          const body = await readRange(range);
          whole.update(body);
          md5s.push(createHash('md5').update(body).digest());
          const answer = await client.send(
            new UploadPartCommand({
              Bucket: settings.bucket,
              Key: key,
              UploadId: uploadId,
              PartNumber: index + 1,
              Body: body,
              ContentLength: body.length,
            }),
          );
          completed.push({ ETag: answer.ETag ?? '', PartNumber: index + 1 });
        }
        await client.send(
          new CompleteMultipartUploadCommand({
            Bucket: settings.bucket,
            Key: key,
            UploadId: uploadId,
            MultipartUpload: { Parts: completed },
          }),
        );
      } catch (error: unknown) {
        if (uploadId)
          await client
            .send(new AbortMultipartUploadCommand({ Bucket: settings.bucket, Key: key, UploadId: uploadId }))
            .catch(() => undefined);
        throw wrap(error, 'multipart upload');
      }
    }
    const expected = computeMultipartEtag(md5s);
    const wholeMd5 = whole.digest('hex');
    let head;
    try {
      head = await client.send(new HeadObjectCommand({ Bucket: settings.bucket, Key: key }));
    } catch (error: unknown) {
      throw wrap(error, 'HEAD');
    }
    const etag = (head.ETag ?? '').replace(/"/g, '');
    if (head.ContentLength !== size || (etag !== expected && etag !== wholeMd5)) {
      throw new BackupError('AIS_BACKUP_UPLOAD_MISMATCH', {
        key,
        storedSize: head.ContentLength,
        storedEtag: etag,
        size,
        etag: expected,
        md5: wholeMd5,
        hint: 'the upload is not trustworthy; it will be retried with the next backup (the local archive is intact)',
      });
    }
    const manifestBody = await readFile(path.join(entry.directory, MANIFEST_FILE));
    const manifestKey = `${settings.prefix}${entry.id}.manifest.json`;
    try {
      await client.send(
        new PutObjectCommand({
          Bucket: settings.bucket,
          Key: manifestKey,
          Body: manifestBody,
          ContentType: 'application/json',
        }),
      );
    } catch (error: unknown) {
      throw wrap(error, 'upload', manifestKey);
    }
    return { key, size, etag };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}
