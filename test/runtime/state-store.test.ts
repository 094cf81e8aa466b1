import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StateStore } from '../../src/runtime/state-store.js';
import { openStateStore } from '../../src/runtime/state-store.js';

describe('state store', () => {
  let directory = '';
  let store: StateStore;
  beforeEach(async () => {
    directory = await mkdtemp(path.join(os.tmpdir(), 'aistack-state-'));
    store = openStateStore(path.join(directory, '.aistack', 'state.db'));
  });
  afterEach(async () => {
    store.close();
    await rm(directory, { recursive: true, force: true });
  });

  const create = (summary: string) =>
    store.createRevision({
      kind: 'deploy',
      user: 'ada',
      host: 'h',
      pid: 42,
      manifest: `name: demo # ${summary}\n`,
      summary,
      stackName: 'demo',
      plan: '[]',
      files: [{ path: 'compose.yaml', content: summary }],
      createdAt: '2026-01-01T00:00:00.000Z',
    });

  it('records revisions with their files, manifest, images and result', () => {
    const first = create('first deploy');
    expect(first).toMatchObject({
      id: 1,
      kind: 'deploy',
      result: 'pending',
      user: 'ada',
      pid: 42,
      summary: 'first deploy',
      stackName: 'demo',
    });
    store.recordImages(1, [{ service: 'db', reference: 'postgres:15', imageId: 'sha256:abc' }]);
    store.finishRevision(1, 'healthy', '2026-01-01T00:01:00.000Z');
    expect(store.getRevision(1)).toMatchObject({ result: 'healthy', finishedAt: '2026-01-01T00:01:00.000Z' });
    expect(store.files(1)).toEqual([{ path: 'compose.yaml', content: 'first deploy' }]);
    expect(store.manifest(1)).toBe('name: demo # first deploy\n');
    expect(store.images(1)).toEqual([{ service: 'db', reference: 'postgres:15', imageId: 'sha256:abc' }]);
  });

  it('finds the last healthy revision before another and the pending ones', () => {
    create('a');
    create('b');
    create('c');
    store.finishRevision(1, 'healthy', 'x');
    store.finishRevision(2, 'healthy', 'x');
    expect(store.lastHealthy()?.id).toBe(2);
    expect(store.lastHealthy(2)?.id).toBe(1);
    expect(store.pendingRevisions().map((revision) => revision.id)).toEqual([3]);
    expect(store.listRevisions().map((revision) => revision.id)).toEqual([3, 2, 1]);
  });

  it('keeps its data across reopening (WAL)', () => {
    create('kept');
    store.close();
    store = openStateStore(path.join(directory, '.aistack', 'state.db'));
    expect(store.getRevision(1)?.summary).toBe('kept');
  });
});
