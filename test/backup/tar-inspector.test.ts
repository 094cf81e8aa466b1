import { describe, expect, it } from 'vitest';
import { create } from 'tar';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createTarInspector } from '../../src/backup/tar-inspector.js';

async function tarOf(files: Record<string, string>): Promise<Buffer> {
  const directory = await mkdtemp(path.join(os.tmpdir(), 'aistack-tar-'));
  try {
    for (const [name, content] of Object.entries(files)) await writeFile(path.join(directory, name), content);
    const chunks: Buffer[] = [];
    for await (const chunk of create({ cwd: directory, portable: true }, Object.keys(files)) as unknown as AsyncIterable<Buffer>)
      chunks.push(chunk);
    return Buffer.concat(chunks);
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

describe('createTarInspector', () => {
  it('hashes every file of a well-formed tar', async () => {
    const inspector = createTarInspector('t');
    inspector.write(await tarOf({ 'a.txt': 'a', 'b.txt': 'b' }));
    expect(await inspector.end()).toEqual({
      files: {
        'a.txt': 'ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb',
        'b.txt': '3e23e8160039594a33894f6564e1b1348bbd7a0088d42c4acb73eeaed59c009d',
      },
      directories: 0,
      links: [],
    });
  });

  it('refuses a tar cut off in the middle of a file', async () => {
    const whole = await tarOf({ 'big.txt': 'x'.repeat(5000) });
    const inspector = createTarInspector('volume v');
    inspector.write(whole.subarray(0, 2048));
    await expect(inspector.end()).rejects.toThrow(/^volume v is not a valid tar: /);
  });

  it('strips the mount directory Docker puts in front and refuses entries outside it', async () => {
    const inspector = createTarInspector('v', 'data');
    const tar = await tarOf({ 'x.txt': 'x' });
    // The refusal comes as soon as the entry streams by, before the rest is read.
    expect(() => inspector.write(tar)).toThrow('v contains "x.txt", which is not under data/');
  });
});
