import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';

/** s3rver's access key pair: it knows no other (any other key id gets InvalidAccessKeyId). */
export const S3RVER_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;

export interface TestS3 {
  readonly endpoint: string;
  readonly server: S3rver;
  /** The file s3rver keeps an object's bytes in (its FilesystemStore layout). */
  objectFile(bucket: string, key: string): string;
  stop(): Promise<void>;
}

/**
 * A real S3-compatible server (s3rver, from npm) in this process on 127.0.0.1, on a port the
 * kernel picks, storing into a temporary directory, with `buckets` created. s3rver checks the
 * access key id but not SigV4 signatures, and reports a multipart object's ETag as the md5 of the
 * whole object.
 */
export async function startTestS3(buckets: readonly string[]): Promise<TestS3> {
  const directory = await mkdtemp(path.join(os.tmpdir(), 'aistack-s3rver-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    directory,
    silent: true,
    configureBuckets: buckets.map((name) => ({ name })),
  });
  let address;
  try {
    address = await server.run();
  } catch (error: unknown) {
    await rm(directory, { recursive: true, force: true });
    throw error;
  }
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    server,
    objectFile: (bucket, key) => {
      const parts = key.split('/');
      return path.join(directory, bucket, ...parts.slice(0, -1), `${parts.at(-1)!}._S3rver_object`);
    },
    stop: async () => {
      await server.close().catch(() => undefined);
      await rm(directory, { recursive: true, force: true });
    },
  };
}
