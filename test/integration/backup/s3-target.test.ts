import { createHash, randomBytes } from 'node:crypto';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import type { S3rverEvent } from 's3rver';
import { Parser } from 'tar';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { readArchive } from '../../../src/backup/archive-reader.js';
import { createArchiveWriter } from '../../../src/backup/archive-writer.js';
import { runBackupJob } from '../../../src/backup/backup-job.js';
import type { ServiceControl } from '../../../src/backup/docker-access.js';
import { createHostVolumeAccess } from '../../../src/backup/host-volume.js';
import { ensureBackupKey } from '../../../src/backup/key-file.js';
import type { BackupResolver } from '../../../src/backup/resolver.js';
import { PART_SIZE, uploadArchiveToS3 } from '../../../src/backup/s3-target.js';
import type { AistackError } from '../../../src/errors.js';
import { resolveProjectPaths } from '../../../src/project/paths.js';
import type { ProjectPaths } from '../../../src/project/paths.js';
import { makeTestStack } from '../../backup/support/stack.js';
import { freePort } from '../../support/processes.js';
import { S3RVER_CREDENTIALS, startTestS3 } from '../../support/s3-server.js';
import type { TestS3 } from '../../support/s3-server.js';

/**
 * The S3 upload against a real S3-compatible server: s3rver (npm), started in this process on
 * 127.0.0.1 with a port the kernel picks. s3rver does multipart uploads (not abort: 405), reports a
 * multipart object's ETag as the md5 of the whole object (AWS: md5 of the part md5s, `-N`, which
 * test/backup/s3-target.test.ts computes), knows one access key id and does not check SigV4
 * signatures — so a wrong secret key is not caught here, a wrong key id is.
 */

let s3: TestS3;
let client: S3Client;
let directory: string;

const key = randomBytes(32);

/** One archive with a single part of `size` random bytes (stored, not compressed). */
async function writeArchive(size: number) {
  const writer = await createArchiveWriter({
    backupsDirectory: directory,
    key,
    now: new Date(),
    trigger: 'manual',
    stack: { name: 't', manifestSha256: '' },
    aistackVersion: 'test',
    selection: [],
  });
  await writer.writePart(
    { name: 'data.tar', kind: 'volume-tar', service: 'files', volume: 'files-data' },
    Readable.from([randomBytes(size)]),
    { compress: false },
  );
  const { manifest } = await writer.commit();
  return readArchive(directory, manifest.id);
}

async function download(bucket: string, objectKey: string): Promise<Buffer> {
  const answer = await client.send(new GetObjectCommand({ Bucket: bucket, Key: objectKey }));
  return Buffer.from(await answer.Body!.transformToByteArray());
}

/** Each entry of a tarball: a directory, or the sha256 of a file's bytes. */
async function tarContents(tarball: Buffer): Promise<Record<string, string>> {
  const contents: Record<string, string> = {};
  const parser = new Parser({
    onReadEntry: (entry) => {
      const hash = createHash('sha256');
      entry.on('data', (chunk: Buffer) => hash.update(chunk));
      entry.on('end', () => (contents[entry.path] = entry.type === 'Directory' ? 'directory' : hash.digest('hex')));
    },
  });
  await new Promise<void>((resolve, reject) => {
    parser.on('end', resolve).on('error', reject);
    parser.end(tarball);
  });
  return contents;
}

/** What the tarball of the archive must hold: its directories and the sha256 of each of its files. */
async function archiveContents(id: string): Promise<Record<string, string>> {
  const sha256 = async (file: string): Promise<string> =>
    createHash('sha256')
      .update(await readFile(path.join(directory, file)))
      .digest('hex');
  return {
    [`${id}/`]: 'directory',
    [`${id}/manifest.json`]: await sha256(`${id}/manifest.json`),
    [`${id}/parts/`]: 'directory',
    [`${id}/parts/001-data.tar.enc`]: await sha256(`${id}/parts/001-data.tar.enc`),
  };
}

async function rejection(promise: Promise<unknown>): Promise<AistackError> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error as AistackError,
  );
}

beforeAll(async () => {
  s3 = await startTestS3(['backups']);
  client = new S3Client({ region: 'us-east-1', endpoint: s3.endpoint, forcePathStyle: true, credentials: S3RVER_CREDENTIALS });
  directory = await mkdtemp(path.join(os.tmpdir(), 'aistack-backup-s3-'));
});

afterAll(async () => {
  client?.destroy();
  await s3?.stop();
  if (directory) await rm(directory, { recursive: true, force: true });
});

describe('S3 target (s3rver)', () => {
  it('uploads a small archive as one PUT, checks HEAD size and ETag, then uploads the manifest', async () => {
    const entry = await writeArchive(1000);
    const settings = { bucket: 'backups', prefix: 'stack/', region: 'us-east-1', endpoint: s3.endpoint };
    const result = await uploadArchiveToS3(entry, settings, client);
    const tarball = await download('backups', `stack/${entry.id}.tar`);
    expect(result).toEqual({ key: `stack/${entry.id}.tar`, size: tarball.length, etag: createHash('md5').update(tarball).digest('hex') });
    expect(result.size).toBeLessThan(PART_SIZE);
    expect(await tarContents(tarball)).toEqual(await archiveContents(entry.id));
    const manifest = JSON.parse((await download('backups', `stack/${entry.id}.manifest.json`)).toString()) as { id: string };
    expect(manifest.id).toBe(entry.id);
  });

  it('uploads an archive above one part in 16 MiB parts and accepts the whole-object md5 s3rver reports', async () => {
    const entry = await writeArchive(PART_SIZE + 1024 * 1024);
    const settings = { bucket: 'backups', prefix: '', region: 'us-east-1', endpoint: s3.endpoint };
    const parts: string[] = [];
    const listener = (event: S3rverEvent): void => void parts.push(...event.Records.map((record) => record.eventName));
    s3.server.on('event', listener);
    try {
      const result = await uploadArchiveToS3(entry, settings, client);
      const tarball = await download('backups', `${entry.id}.tar`);
      expect(tarball.length).toBeGreaterThan(PART_SIZE);
      expect(result).toEqual({ key: `${entry.id}.tar`, size: tarball.length, etag: createHash('md5').update(tarball).digest('hex') });
      // ObjectCreated:Post is s3rver's CompleteMultipartUpload; the manifest is a plain PUT after it.
      expect(parts).toEqual(['ObjectCreated:Post', 'ObjectCreated:Put']);
      expect(await tarContents(tarball)).toEqual(await archiveContents(entry.id));
    } finally {
      s3.server.off('event', listener);
    }
  });

  /** Upload with `change` applied to the stored tarball before s3rver answers the PUT (so before our HEAD). */
  async function uploadChanged(prefix: string, change: (objectFile: string) => void) {
    const entry = await writeArchive(1000);
    const settings = { bucket: 'backups', prefix, region: 'us-east-1', endpoint: s3.endpoint };
    // s3rver emits the event before it answers, so the change is there when HEAD asks: another
    // writer, or a server that stored other bytes than it was sent.
    const listener = (event: S3rverEvent): void => {
      for (const record of event.Records)
        if (record.s3.object.key === `${prefix}${entry.id}.tar`) change(s3.objectFile('backups', record.s3.object.key));
    };
    s3.server.on('event', listener);
    try {
      const error = await rejection(uploadArchiveToS3(entry, settings, client));
      const head = await client.send(new HeadObjectCommand({ Bucket: 'backups', Key: `${prefix}${entry.id}.tar` }));
      const listed = await client.send(new ListObjectsV2Command({ Bucket: 'backups', Prefix: prefix }));
      return { error, entry, head, keys: listed.Contents?.map((object) => object.Key) };
    } finally {
      s3.server.off('event', listener);
    }
  }

  it('fails with AIS_BACKUP_UPLOAD_MISMATCH when the stored object has another size, and uploads no manifest', async () => {
    const { error, entry, head, keys } = await uploadChanged('longer/', (file) => appendFileSync(file, 'x'));
    const etag = head.ETag!.replace(/"/g, '');
    expect([error.code, error.message]).toEqual([
      'AIS_BACKUP_UPLOAD_MISMATCH',
      `S3 object longer/${entry.id}.tar is ${head.ContentLength} bytes with ETag ${etag}; uploaded ${head.ContentLength! - 1} bytes with ETag ${etag}`,
    ]);
    expect(keys).toEqual([`longer/${entry.id}.tar`]);
  });

  it('fails with AIS_BACKUP_UPLOAD_MISMATCH when the stored object has the same size and another ETag', async () => {
    let sent = '';
    const { error, entry, head, keys } = await uploadChanged('changed/', (file) => {
      const bytes = readFileSync(file);
      sent = createHash('md5').update(bytes).digest('hex');
      bytes[100] = bytes[100]! ^ 0xff;
      writeFileSync(file, bytes);
      writeFileSync(`${file}.md5`, createHash('md5').update(bytes).digest('hex'));
    });
    const etag = head.ETag!.replace(/"/g, '');
    expect(etag).not.toBe(sent);
    expect([error.code, error.message]).toEqual([
      'AIS_BACKUP_UPLOAD_MISMATCH',
      `S3 object changed/${entry.id}.tar is ${head.ContentLength} bytes with ETag ${etag}; uploaded ${head.ContentLength} bytes with ETag ${sent}`,
    ]);
    expect(keys).toEqual([`changed/${entry.id}.tar`]);
  });

  it('fails with AIS_BACKUP_S3_NO_BUCKET when the bucket does not exist', async () => {
    const entry = await writeArchive(10);
    const error = await rejection(
      uploadArchiveToS3(entry, { bucket: 'missing', prefix: '', region: 'us-east-1', endpoint: s3.endpoint }, client),
    );
    expect([error.code, error.message, error.hint]).toEqual([
      'AIS_BACKUP_S3_NO_BUCKET',
      `S3 upload of ${entry.id}.tar in bucket missing failed: bucket missing does not exist at ${s3.endpoint}`,
      'create the bucket, or correct backup.s3.bucket (and endpoint/region) in aistack.yaml; the local archive is intact',
    ]);
  });

  it('fails with AIS_BACKUP_S3_DENIED when the server does not know the access key id', async () => {
    const entry = await writeArchive(10);
    const stranger = new S3Client({
      region: 'us-east-1',
      endpoint: s3.endpoint,
      forcePathStyle: true,
      credentials: { accessKeyId: 'AKIANOTKNOWNHERE', secretAccessKey: 'not-the-secret' },
    });
    try {
      const error = await rejection(
        uploadArchiveToS3(entry, { bucket: 'backups', prefix: '', region: 'us-east-1', endpoint: s3.endpoint }, stranger),
      );
      expect([error.code, error.message]).toEqual([
        'AIS_BACKUP_S3_DENIED',
        `S3 upload of ${entry.id}.tar in bucket backups failed: ${s3.endpoint} refused the credentials (InvalidAccessKeyId: ` +
          'The AWS Access Key Id you provided does not exist in our records.)',
      ]);
      expect(error.message).not.toContain('not-the-secret');
    } finally {
      stranger.destroy();
    }
  });

  it('fails with AIS_BACKUP_S3_UNREACHABLE when nothing listens at the endpoint', async () => {
    const entry = await writeArchive(10);
    const endpoint = `http://127.0.0.1:${await freePort()}`;
    const nowhere = new S3Client({ region: 'us-east-1', endpoint, forcePathStyle: true, credentials: S3RVER_CREDENTIALS, maxAttempts: 1 });
    try {
      const error = await rejection(uploadArchiveToS3(entry, { bucket: 'backups', prefix: '', region: 'us-east-1', endpoint }, nowhere));
      expect([error.code, error.message]).toEqual([
        'AIS_BACKUP_S3_UNREACHABLE',
        `S3 upload of ${entry.id}.tar in bucket backups failed: ${endpoint} did not answer (ECONNREFUSED)`,
      ]);
    } finally {
      nowhere.destroy();
    }
  });
});

describe('the backup job (aistack backup, serve schedule) with backup.s3 (s3rver)', () => {
  let root: string;
  let paths: ProjectPaths;
  let jobKey: Buffer;
  const control: ServiceControl = {
    stop: async (services) => [...services],
    start: async () => undefined,
    waitHealthy: async () => undefined,
  };
  const refuse = async (): Promise<never> => {
    throw new Error('only the files volume is backed up here');
  };
  const resolver = (): BackupResolver => ({
    control,
    startTimeout: () => 30,
    postgres: refuse,
    redis: refuse,
    qdrant: refuse,
    volume: async (volume) => createHostVolumeAccess(path.join(root, 'volumes', volume.name)),
  });

  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'aistack-backup-s3-job-'));
    paths = resolveProjectPaths(root);
    jobKey = (await ensureBackupKey(path.join(paths.state, 'backup.key'))).key;
    await mkdir(path.join(root, 'volumes', 'files-data'), { recursive: true });
    await writeFile(path.join(root, 'volumes', 'files-data', 'hello.txt'), 'hello world\n');
    await writeFile(paths.manifest, 'name: bk\ndomain: bk.example.org\nservices: {}\n');
    // The job builds its own client from the SDK's default chain, as `aistack backup` does.
    vi.stubEnv('AWS_ACCESS_KEY_ID', S3RVER_CREDENTIALS.accessKeyId);
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', S3RVER_CREDENTIALS.secretAccessKey);
  });

  afterAll(async () => {
    vi.unstubAllEnvs();
    if (root) await rm(root, { recursive: true, force: true });
  });

  const stackWithS3 = (bucket: string) => {
    const stack = makeTestStack();
    return { ...stack, backup: { ...stack.backup, s3: { bucket, prefix: 'job/', region: 'us-east-1', endpoint: s3.endpoint } } };
  };

  it('uploads the verified archive and says so', async () => {
    const lines: string[] = [];
    const outcome = await runBackupJob({
      stack: stackWithS3('backups'),
      paths,
      key: jobKey,
      resolver: resolver(),
      trigger: 'manual',
      selection: ['files'],
      say: (line) => lines.push(line),
    });
    const tarball = await download('backups', `job/${outcome.manifest.id}.tar`);
    expect(outcome.verified).toBe(true);
    expect(outcome.upload).toEqual({ key: `job/${outcome.manifest.id}.tar`, size: tarball.length });
    expect(outcome.result.message).toBe(`backup ${outcome.manifest.id} written and verified, uploaded`);
    expect(lines.filter((line) => line.includes('s3://'))).toEqual([
      expect.stringMatching(new RegExp(`^uploaded s3://backups/job/${outcome.manifest.id}\\.tar \\(.+, ETag checked\\)$`)),
    ]);
  });

  it('uploads nothing after --no-verify and says why', async () => {
    const lines: string[] = [];
    const outcome = await runBackupJob({
      stack: stackWithS3('backups'),
      paths,
      key: jobKey,
      resolver: resolver(),
      trigger: 'manual',
      selection: ['files'],
      verify: false,
      say: (line) => lines.push(line),
    });
    expect(outcome.upload).toBeUndefined();
    const listed = await client.send(new ListObjectsV2Command({ Bucket: 'backups', Prefix: `job/${outcome.manifest.id}` }));
    expect(listed.Contents ?? []).toEqual([]);
    expect(lines.filter((line) => line.includes('s3://'))).toEqual([
      'not uploaded to s3://backups: only verified archives go off-site (`aistack backup` without --no-verify uploads)',
    ]);
  });

  it('fails with the coded S3 error when the bucket is missing, after writing and verifying the archive', async () => {
    const error = await rejection(
      runBackupJob({ stack: stackWithS3('nowhere'), paths, key: jobKey, resolver: resolver(), trigger: 'manual', selection: ['files'] }),
    );
    expect(error.code).toBe('AIS_BACKUP_S3_NO_BUCKET');
    expect(error.message).toMatch(
      /^S3 upload of job\/\S+\.tar in bucket nowhere failed: bucket nowhere does not exist at http:\/\/127\.0\.0\.1:\d+$/,
    );
  });
});
