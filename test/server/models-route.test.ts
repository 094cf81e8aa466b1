import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createModelsSource } from '../../src/models/models-source.js';
import { recordModelPulls } from '../../src/models/models-state.js';
import { createOllamaClient } from '../../src/models/ollama-client.js';
import { createPullProgressRecorder } from '../../src/models/pull-progress-file.js';
import { pullModels } from '../../src/models/pull-models.js';
import { startOllamaStandin } from '../support/ollama-standin.js';
import type { OllamaStandin } from '../support/ollama-standin.js';
import { createFixture, HOST, logIn } from './support/server-fixture.js';
import type { Fixture, LoggedIn } from './support/server-fixture.js';

const MiB = 1024 * 1024;
const layer = (n: number): string => `sha256:${String(n).padStart(64, '0')}`;

let standin: OllamaStandin;
let fixture: Fixture;
let login: LoggedIn;
let state: string;

beforeAll(async () => {
  standin = await startOllamaStandin({
    registry: [
      { name: 'small:1b', layers: [{ digest: layer(1), size: 2 * MiB }] },
      { name: 'big:7b', layers: [{ digest: layer(2), size: 8 * MiB }] },
      { name: 'broken:1b', layers: [{ digest: layer(3), size: MiB }] },
    ],
    present: ['small:1b'],
    chunkBytes: 256 * 1024,
    chunkDelayMs: 40,
  });
  state = await mkdtemp(path.join(os.tmpdir(), 'aistack-models-route-'));
  const models = createModelsSource({
    declared: [
      { name: 'small:1b', displayName: 'small', apps: ['open-webui'] },
      { name: 'big:7b', displayName: 'big:7b', apps: [] },
      { name: 'broken:1b', displayName: 'broken:1b', apps: [] },
    ],
    stateDirectory: state,
    connect: async () => createOllamaClient(standin.url),
    now: Date.now,
    cacheMs: 0,
  });
  fixture = await createFixture({ server: { models } });
  login = await logIn(fixture.app);
});

afterAll(async () => {
  await fixture?.close();
  await standin?.close();
  await rm(state, { recursive: true, force: true });
});

async function getModels(cookie?: string) {
  return fixture.app.inject({ method: 'GET', url: '/api/models', headers: { host: HOST, ...(cookie ? { cookie } : {}) } });
}

describe('GET /api/models against the Ollama stand-in', () => {
  it('refuses a request without a session', async () => {
    const response = await getModels();
    expect(response.statusCode).toBe(401);
  });

  it('shows present, pulling (bytes, total, rate, ETA), then failed with the reason and present after the pull', async () => {
    const before = await getModels(login.cookie);
    expect(before.statusCode).toBe(200);
    expect(before.json()).toEqual({
      available: true,
      at: expect.any(Number),
      ollama: { reachable: true },
      models: [
        { name: 'small:1b', displayName: 'small', apps: ['open-webui'], state: 'present', sizeBytes: 2 * MiB },
        { name: 'big:7b', displayName: 'big:7b', apps: [], state: 'missing' },
        { name: 'broken:1b', displayName: 'broken:1b', apps: [], state: 'missing' },
      ],
    });

    standin.failPullsOf('broken:1b', 'pull model manifest: file does not exist');
    const recorder = createPullProgressRecorder(state, { now: Date.now, intervalMs: 50 });
    const pulling = pullModels(createOllamaClient(standin.url), ['big:7b', 'broken:1b'], {
      now: Date.now,
      onProgress: recorder.onProgress,
      resumeDelayMs: 0,
    });
    let seen: { state: string; pull?: Record<string, number | string> } | undefined;
    for (let attempt = 0; attempt < 200 && !(seen?.pull && Number(seen.pull.doneBytes) > 0); attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      seen = (await getModels(login.cookie)).json<{ models: { state: string; pull?: Record<string, number> }[] }>().models[1];
    }
    expect(seen).toMatchObject({ state: 'pulling', pull: { phase: 'pulling', totalBytes: 8 * MiB, resumes: 0 } });
    expect(Number(seen?.pull?.doneBytes)).toBeGreaterThan(0);
    expect(Number(seen?.pull?.rateBytesPerSecond)).toBeGreaterThan(0);
    expect(Number(seen?.pull?.etaSeconds)).toBeGreaterThan(0);

    const results = await pulling;
    await recordModelPulls(state, results, new Date());
    await recorder.finish();
    const after = (await getModels(login.cookie)).json<{ models: unknown[] }>();
    expect(after.models.slice(1)).toEqual([
      { name: 'big:7b', displayName: 'big:7b', apps: [], state: 'present', sizeBytes: 8 * MiB, lastPullAt: expect.any(String) },
      {
        name: 'broken:1b',
        displayName: 'broken:1b',
        apps: [],
        state: 'failed',
        error: {
          code: 'AIS_MODELS_PULL_FAILED',
          message: 'pulling broken:1b failed: pull model manifest: file does not exist',
          hint: 'check the name and tag on ollama.com/library',
        },
        lastPullAt: expect.any(String),
      },
    ]);
  });

  it('says Ollama is unreachable and keeps the recorded states when it does not answer', async () => {
    const offline = createModelsSource({
      declared: [{ name: 'big:7b', displayName: 'big:7b', apps: [] }],
      stateDirectory: state,
      connect: async () => createOllamaClient('http://127.0.0.1:9', { timeoutMs: 500 }),
      now: Date.now,
    });
    const report = await offline.report();
    expect(report.ollama.reachable).toBe(false);
    expect(report.ollama.error).toMatch(/^cannot reach Ollama at http:\/\/127\.0\.0\.1:9/);
    expect(report.models).toEqual([
      { name: 'big:7b', displayName: 'big:7b', apps: [], state: 'present', sizeBytes: 8 * MiB, lastPullAt: expect.any(String) },
    ]);
  });
});
