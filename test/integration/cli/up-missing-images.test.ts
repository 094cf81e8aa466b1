import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBuiltCli } from '../../support/built-cli.js';
import { ensureTestImage } from '../../support/images.js';
import { freePort } from '../runtime/support.js';

/** Issue 12.2: `up` looks at every image before it writes anything, not even the lock's state database. */
let directory = '';

beforeAll(async () => {
  directory = await mkdtemp(path.join(os.tmpdir(), 'aishyg-up-images-'));
});
afterAll(async () => {
  if (directory) await rm(directory, { recursive: true, force: true });
});

describe('up with an image that is missing', () => {
  it('stops before creating .aistack/, compose.yaml or anything else', async () => {
    const busybox = await ensureTestImage('busybox');
    const closed = await freePort();
    const manifest = [
      'name: aishyg-up-images',
      'domain: ai.localhost',
      'services: {}',
      'monitor: { enabled: false }',
      `images: { overrides: { proxy: ${busybox} } }`,
      'custom:',
      '  app:',
      `    image: 127.0.0.1:${closed}/aishyg/absent:1`,
      '',
    ].join('\n');
    await writeFile(path.join(directory, 'aistack.yaml'), manifest);
    const up = await runBuiltCli(['-C', directory, 'up']);
    expect(up.stderr).toContain(
      'error: AIS_RUNTIME_IMAGES_MISSING 1 of 2 images the stack needs is not on this host, and 1 cannot be pulled; nothing was created:',
    );
    expect(up.code).toBe(1);
    expect(await readdir(directory)).toEqual(['aistack.yaml']);
  }, 120_000);
});
