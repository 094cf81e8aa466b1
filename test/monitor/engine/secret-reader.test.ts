import { mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSecretReader } from '../../../src/monitor/engine/secret-reader.js';

describe('createSecretReader', () => {
  let directory: string;
  beforeEach(async () => {
    directory = await mkdtemp(path.join(os.tmpdir(), 'aistack-secret-reader-'));
  });
  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('drops the final newline and reads a file renamed into place again', async () => {
    const file = path.join(directory, 'password');
    await writeFile(file, 'first\n');
    const read = createSecretReader();
    expect(await read(file)).toBe('first');
    await writeFile(path.join(directory, 'next'), 'second\r\n');
    await rename(path.join(directory, 'next'), file);
    expect(await read(file)).toBe('second');
  });
});
