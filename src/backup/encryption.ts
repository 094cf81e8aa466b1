import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { Transform } from 'node:stream';
import type { TransformCallback } from 'node:stream';
import { BackupError } from '../errors.js';

/**
 * Chunked AES-256-GCM (the STREAM construction): a 32-byte header, then chunks of
 * `[u32 ciphertext length][ciphertext][16-byte tag]`. Each chunk's nonce is an 8-byte random
 * prefix plus a 4-byte counter, and its additional data is the header, the counter and a final
 * flag, so reordered, dropped, appended or truncated chunks fail authentication — not only
 * flipped bits. Nothing is released to the reader before its chunk has been authenticated.
 */
export const ENCRYPTION_ALGORITHM = 'aes-256-gcm-chunked-v1';
const MAGIC = Buffer.from('AISENC01', 'ascii');
const HEADER_LENGTH = 32; // magic 8 + key id 8 + nonce prefix 8 + chunk size 4 + reserved 4
const TAG_LENGTH = 16;
const CHUNK_SIZE = 1024 * 1024;

/** The first 8 bytes of sha256("aistack-backup-key" || key): names a key without revealing it. */
export function computeKeyId(key: Buffer): string {
  return createHash('sha256').update('aistack-backup-key').update(key).digest().subarray(0, 8).toString('hex');
}

export function createEncryptStream(key: Buffer): Transform {
  checkKey(key);
  const header = Buffer.alloc(HEADER_LENGTH);
  MAGIC.copy(header, 0);
  Buffer.from(computeKeyId(key), 'hex').copy(header, 8);
  randomBytes(8).copy(header, 16);
  header.writeUInt32BE(CHUNK_SIZE, 24);
  let counter = 0;
  let pending: Buffer[] = [];
  let pendingLength = 0;
  const seal = (plain: Buffer, final: boolean): Buffer => {
    const nonce = Buffer.concat([header.subarray(16, 24), u32(counter)]);
    const cipher = createCipheriv('aes-256-gcm', key, nonce);
    cipher.setAAD(Buffer.concat([header, u32(counter), Buffer.from([final ? 1 : 0])]));
    const body = Buffer.concat([cipher.update(plain), cipher.final()]);
    counter += 1;
    return Buffer.concat([u32(body.length), body, cipher.getAuthTag()]);
  };
  let started = false;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      if (!started) {
        this.push(header);
        started = true;
      }
      pending.push(chunk);
      pendingLength += chunk.length;
      // Keep at least one byte back so the last chunk can carry the final flag.
      while (pendingLength > CHUNK_SIZE) {
        const all = Buffer.concat(pending);
        this.push(seal(all.subarray(0, CHUNK_SIZE), false));
        pending = [all.subarray(CHUNK_SIZE)];
        pendingLength = all.length - CHUNK_SIZE;
      }
      callback();
    },
    flush(callback: TransformCallback) {
      if (!started) this.push(header);
      this.push(seal(Buffer.concat(pending), true));
      callback();
    },
  });
}

/** Decrypt and authenticate; fails with AIS_BACKUP_DECRYPT_FAILED on a wrong key, tampering or truncation. */
export function createDecryptStream(key: Buffer, label: string): Transform {
  checkKey(key);
  // Incoming pieces are queued and joined only once enough bytes for the next step are there,
  // so each byte is copied about once however small the pieces are.
  let queue: Buffer[] = [];
  let queued = 0;
  let header: Buffer | undefined;
  let counter = 0;
  let finished = false;
  const fail = (why: string): BackupError =>
    new BackupError('AIS_BACKUP_DECRYPT_FAILED', {
      part: label,
      why,
      hint: 'the archive was changed or cut short, or it was written with another key (AISTACK_BACKUP_KEY_FILE)',
    });
  const peek = (bytes: number): Buffer | undefined => {
    if (queued < bytes) return undefined;
    if (queue.length > 1) queue = [Buffer.concat(queue, queued)];
    return queue[0];
  };
  const consume = (bytes: number): void => {
    const joined = queue[0]!;
    queue = joined.length > bytes ? [joined.subarray(bytes)] : [];
    queued -= bytes;
  };
  const openChunks = (push: (chunk: Buffer) => void): void => {
    if (!header) {
      const head = peek(HEADER_LENGTH);
      if (!head) return;
      header = Buffer.from(head.subarray(0, HEADER_LENGTH));
      consume(HEADER_LENGTH);
      if (!header.subarray(0, 8).equals(MAGIC)) throw fail('not an aistack encrypted part');
      const keyId = header.subarray(8, 16).toString('hex');
      if (keyId !== computeKeyId(key)) throw fail(`it was encrypted with key ${keyId}, not with this key (${computeKeyId(key)})`);
    }
    for (;;) {
      const prefix = peek(4);
      if (!prefix) return;
      const length = prefix.readUInt32BE(0);
      if (length > CHUNK_SIZE) throw fail('a chunk is larger than allowed');
      const whole = peek(4 + length + TAG_LENGTH);
      if (!whole) return;
      if (finished) throw fail('data after the final chunk');
      const body = whole.subarray(4, 4 + length);
      const tag = whole.subarray(4 + length, 4 + length + TAG_LENGTH);
      consume(4 + length + TAG_LENGTH);
      // A chunk is final exactly when nothing follows it; try that first when nothing is queued.
      const plain = tryOpen(body, tag, queued === 0) ?? tryOpen(body, tag, queued !== 0);
      if (!plain) throw fail('authentication failed (the data was changed)');
      push(plain.data);
      if (plain.final) finished = true;
      counter += 1;
    }
  };
  const tryOpen = (body: Buffer, tag: Buffer, final: boolean): { data: Buffer; final: boolean } | undefined => {
    if (!header) return undefined;
    const nonce = Buffer.concat([header.subarray(16, 24), u32(counter)]);
    const decipher = createDecipheriv('aes-256-gcm', key, nonce);
    decipher.setAAD(Buffer.concat([header, u32(counter), Buffer.from([final ? 1 : 0])]));
    decipher.setAuthTag(tag);
    try {
      return { data: Buffer.concat([decipher.update(body), decipher.final()]), final };
    } catch {
      return undefined;
    }
  };
  return new Transform({
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      queue.push(chunk);
      queued += chunk.length;
      try {
        openChunks((data) => this.push(data));
        callback();
      } catch (error: unknown) {
        callback(error as Error);
      }
    },
    flush(callback: TransformCallback) {
      if (!header) {
        callback(fail('the part is empty or cut short'));
        return;
      }
      if (!finished || queued > 0) {
        callback(fail('the part is cut short (no final chunk)'));
        return;
      }
      callback();
    },
  });
}

function checkKey(key: Buffer): void {
  if (key.length !== 32)
    throw new BackupError('AIS_BACKUP_KEY_INVALID', {
      bytes: key.length,
      hint: 'restore the key file from your safe copy',
    });
}

function u32(value: number): Buffer {
  const buffer = Buffer.alloc(4);
  buffer.writeUInt32BE(value >>> 0, 0);
  return buffer;
}
