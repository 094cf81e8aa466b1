import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { computeKeyId, createDecryptStream, createEncryptStream } from '../../src/backup/encryption.js';

async function collect(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function encrypt(key: Buffer, plain: Buffer): Promise<Buffer> {
  // Feed in uneven pieces, as a real stream would.
  const pieces = [];
  for (let offset = 0; offset < plain.length; offset += 70_000) pieces.push(plain.subarray(offset, offset + 70_000));
  return collect(Readable.from(pieces).pipe(createEncryptStream(key)));
}

async function decrypt(key: Buffer, sealed: Buffer): Promise<Buffer> {
  return collect(Readable.from([sealed]).pipe(createDecryptStream(key, 'part')));
}

const key = randomBytes(32);
const MIB = 1024 * 1024;
const CHUNK = 4 + MIB + 16;

describe('chunked AES-256-GCM', () => {
  it('round-trips empty, small and multi-chunk data, and the output is not the plain text', async () => {
    for (const size of [0, 1, 1000, MIB, MIB + 1, 3 * MIB + 12345]) {
      const plain = randomBytes(size);
      const sealed = await encrypt(key, plain);
      expect(sealed.length).toBe(32 + Math.max(1, Math.ceil(size / MIB)) * 20 + size);
      expect((await decrypt(key, sealed)).equals(plain)).toBe(true);
    }
    const text = Buffer.from('secret-value '.repeat(100));
    expect((await encrypt(key, text)).includes(Buffer.from('secret-value'))).toBe(false);
  });

  it('refuses a flipped bit, a wrong key, a dropped final chunk, swapped chunks and appended data', async () => {
    const plain = randomBytes(2 * MIB + 10);
    const sealed = await encrypt(key, plain);
    const flipped = Buffer.from(sealed);
    flipped[100] = flipped[100]! ^ 1;
    await expect(decrypt(key, flipped)).rejects.toThrow('cannot decrypt part: authentication failed (the data was changed)');
    const other = randomBytes(32);
    await expect(decrypt(other, sealed)).rejects.toThrow(
      `cannot decrypt part: it was encrypted with key ${computeKeyId(key)}, not with this key (${computeKeyId(other)})`,
    );
    await expect(decrypt(key, sealed.subarray(0, 32 + 2 * CHUNK))).rejects.toThrow(
      'cannot decrypt part: the part is cut short (no final chunk)',
    );
    await expect(decrypt(key, sealed.subarray(0, sealed.length - 5))).rejects.toThrow('the part is cut short');
    const swapped = Buffer.concat([
      sealed.subarray(0, 32),
      sealed.subarray(32 + CHUNK, 32 + 2 * CHUNK),
      sealed.subarray(32, 32 + CHUNK),
      sealed.subarray(32 + 2 * CHUNK),
    ]);
    await expect(decrypt(key, swapped)).rejects.toThrow('authentication failed');
    await expect(decrypt(key, Buffer.concat([sealed, sealed.subarray(32)]))).rejects.toThrow('data after the final chunk');
    await expect(decrypt(key, Buffer.alloc(0))).rejects.toThrow('cannot decrypt part: the part is empty or cut short');
    await expect(decrypt(key, Buffer.concat([Buffer.from('NOTOURS!'), sealed.subarray(8)]))).rejects.toThrow(
      'not an aistack encrypted part',
    );
  });
});
