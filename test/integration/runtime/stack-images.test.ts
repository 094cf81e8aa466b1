import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveProjectPaths } from '../../../src/project/paths.js';
import { resolveProjectText } from '../../../src/project/load.js';
import { runDoctor } from '../../../src/runtime/doctor.js';
import { createEngine } from '../../../src/runtime/engine.js';
import { createImageRegistry } from '../../../src/runtime/image-registry.js';
import type { ImagePullProgress } from '../../../src/runtime/pull-progress.js';
import { ensureStackImages } from '../../../src/runtime/stack-images.js';
import type { Stack } from '../../../src/stack/types.js';
import { ensureTestImage } from '../../support/images.js';
import { startTestRegistry } from '../../support/registry.js';
import type { TestRegistry } from '../../support/registry.js';
import { freePort } from './support.js';

/**
 * Before `up` creates anything, every image of the stack is here or pulled. A registry cannot run
 * here, so a stand-in on 127.0.0.1 speaks the Registry HTTP API V2 to the real Docker Engine.
 */
const run = promisify(execFile);
const engine = createEngine();
const registry = createImageRegistry(engine.docker);
const suffix = `${process.pid}-${randomBytes(3).toString('hex')}`;
let stand: TestRegistry;
let busybox = '';
let pullable = '';
let closedPort = 0;
const cleanup: string[] = [];

/** A one-layer image no other image shares (so a pull really downloads it), served by the stand-in, then removed here. */
async function servedImage(name: string, bytes: number): Promise<string> {
  const directory = await mkdtemp(path.join(os.tmpdir(), 'aistack-served-image-'));
  try {
    await writeFile(path.join(directory, 'payload'), randomBytes(bytes));
    await writeFile(path.join(directory, 'Dockerfile'), 'FROM scratch\nCOPY payload /payload\n');
    const local = `aistack-test/served-${name}:${suffix}`;
    await run('docker', ['build', '--quiet', '--tag', local, directory]);
    const reference = await stand.add(local, `aistack-test/${name}:${suffix}`);
    await run('docker', ['rmi', local]);
    return reference;
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

function stackOf(images: Record<string, string>): Stack {
  const text = [
    'name: aisnew-images',
    'domain: ai.example.test',
    'services: {}',
    'monitor: { enabled: false }',
    `images: { overrides: { proxy: ${busybox} } }`,
    'custom:',
    ...Object.entries(images).flatMap(([id, image]) => [`  ${id}:`, `    image: ${image}`]),
    '',
  ].join('\n');
  return resolveProjectText(resolveProjectPaths(os.tmpdir()), text).stack;
}

beforeAll(async () => {
  busybox = await ensureTestImage('busybox');
  stand = await startTestRegistry();
  pullable = await servedImage('pullable', 3 * 1024 * 1024);
  cleanup.push(pullable);
  closedPort = await freePort();
}, 300_000);

afterAll(async () => {
  for (const reference of cleanup) await run('docker', ['rmi', '-f', reference]).catch(() => undefined);
  await stand?.close();
});

describe('the images of a stack on a host without a (reachable) registry', () => {
  it('lists every missing image with whether it can be pulled, and pulls nothing while one cannot be had', async () => {
    const unreachable = `127.0.0.1:${closedPort}/aistack-test/unreachable:1`;
    const unknown = `${stand.host}/aistack-test/never-pushed:1`;
    const stack = stackOf({ app: busybox, cache: pullable, model: unreachable, worker: unknown });
    const error = await ensureStackImages(engine, stack, registry).then(
      () => undefined,
      (thrown: unknown) => thrown as Error & { code: string; hint: string },
    );
    expect(error?.code).toBe('AIS_RUNTIME_IMAGES_MISSING');
    const lines = error!.message.split('\n');
    expect(lines[0]).toBe('3 of 4 images the stack needs are not on this host, and 2 cannot be pulled; nothing was created:');
    expect(lines.find((line) => line.includes(pullable))).toMatch(/ {2}cache +can be pulled$/);
    expect(lines.find((line) => line.includes(unreachable))).toMatch(/ {2}model +cannot be pulled: .*connection refused/);
    expect(lines.find((line) => line.includes(unknown))).toMatch(/ {2}worker +cannot be pulled: .*manifest unknown/);
    expect(lines.slice(-3)).toEqual([
      'Ways out:',
      '  1. use a registry this host reaches: `images.registry: <host>/<path>` in aistack.yaml moves every catalog image ' +
        'under it; `images.overrides.<id>` (or `image:` of a service) replaces one',
      '  2. bring the images from a connected host: `aistack images save -o stack.tar` there, then `aistack images load -i stack.tar` here',
    ]);
    expect(error!.hint).toBe('take one of the ways out above, then run the command again (`aistack doctor` lists the images)');
    // Decided before acting: the pullable one was looked up (its manifest and config), not pulled.
    expect(await engine.imageId(pullable)).toBeUndefined();
    expect(stand.layersOf(pullable)).toHaveLength(1);
    expect(stand.requests.filter((request) => stand.layersOf(pullable).some((layer) => request.includes(layer)))).toEqual([]);

    const checks = await runDoctor(engine, resolveProjectPaths(os.tmpdir()), stack, new Date(), { registry });
    const byName = Object.fromEntries(checks.map((check) => [check.name, check]));
    expect(byName[`image ${pullable}`]).toEqual({
      name: `image ${pullable}`,
      status: 'warn',
      detail: 'not here; can be pulled (`aistack up` pulls it) (cache)',
    });
    expect(byName[`image ${unreachable}`]).toMatchObject({ status: 'fail' });
    expect(byName[`image ${unreachable}`]!.detail).toMatch(/^not here and cannot be pulled: .*connection refused.* \(model\)$/);
    expect(byName.images).toMatchObject({
      status: 'fail',
      detail: '3 of 4 images are not here, 2 cannot be pulled; `aistack up` would stop before creating anything',
    });
    expect(byName.images!.fix!.split('\n')).toHaveLength(2);
  }, 120_000);

  it('pulls what is missing with progress per image: layers and bytes', async () => {
    const stack = stackOf({ app: busybox, cache: pullable });
    const updates: ImagePullProgress[] = [];
    await ensureStackImages(engine, stack, registry, { onPull: (progress) => updates.push(progress) });
    expect(await engine.imageId(pullable)).toMatch(/^sha256:/);
    expect(new Set(updates.map((update) => update.reference))).toEqual(new Set([pullable]));
    const last = updates.at(-1)!;
    expect(last).toMatchObject({ phase: 'done', layers: { done: 1, total: 1 } });
    // The 3 MiB of random bytes, gzipped (random data does not shrink).
    expect(last.bytes.total).toBeGreaterThan(3 * 1024 * 1024);
    expect(last.bytes.done).toBe(last.bytes.total);
    const downloading = updates.filter(
      (update) => update.phase === 'pulling' && update.bytes.done > 0 && update.bytes.done < update.bytes.total,
    );
    expect(downloading.length).toBeGreaterThan(0);
    // Already here: nothing more to pull.
    const again: ImagePullProgress[] = [];
    await ensureStackImages(engine, stack, registry, { onPull: (progress) => again.push(progress) });
    expect(again).toEqual([]);
  }, 120_000);
});
