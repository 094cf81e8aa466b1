import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveImages } from '../../../src/runtime/images.js';
import { ensureTestImage } from '../../support/images.js';

/** `docker save` with the real Engine: image references are arguments, never options. */
let root: string;
let busybox: string;

beforeAll(async () => {
  busybox = await ensureTestImage('busybox');
  root = await mkdtemp(path.join(os.tmpdir(), 'aistack-images-save-'));
}, 600_000);

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('saveImages', () => {
  it('writes the tar it was asked for', async () => {
    const output = path.join(root, 'images.tar');
    await saveImages([busybox], output);
    expect(existsSync(output)).toBe(true);
  }, 120_000);

  it('passes references after --, so one that looks like an option cannot redirect the output', async () => {
    const output = path.join(root, 'asked.tar');
    const planted = path.join(root, 'planted.tar');
    await expect(saveImages([`--output=${planted}`, busybox], output)).rejects.toMatchObject({ code: 'AIS_RUNTIME_IMAGES_FAILED' });
    expect(existsSync(planted)).toBe(false);
  }, 120_000);
});
