import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GpuReading } from '../../src/gpu/gpu-sampler.js';
import { createModelsSource } from '../../src/models/models-source.js';
import { recordModelPulls } from '../../src/models/models-state.js';
import { createOllamaClient } from '../../src/models/ollama-client.js';
import { createPullProgressRecorder } from '../../src/models/pull-progress-file.js';
import { pullModels } from '../../src/models/pull-models.js';
import { loadAdminCredentials } from '../../src/server/auth/admin-credentials.js';
import { createServer } from '../../src/server/create-server.js';
import { startOllamaStandin } from '../support/ollama-standin.js';
import type { OllamaStandin } from '../support/ollama-standin.js';
import { createInMemoryEngine } from '../server/support/in-memory-engine.js';
import { openBrowser } from './browser.js';
import type { Browser } from './browser.js';

/**
 * The Models and GPU views in Chromium: the real server and models source against the Ollama
 * stand-in (a pull streaming progress, a pull that fails), and a GPU reading as the sampler
 * reports it (no GPU can run here).
 */
const PASSWORD = 'e2e-models-password-9b2f';
const MiB = 1024 * 1024;
const layer = (n: number): string => `sha256:${String(n).padStart(64, '0')}`;

let standin: OllamaStandin;
let state: string;
let app: FastifyInstance;
let browser: Browser;
let base: string;

beforeAll(async () => {
  standin = await startOllamaStandin({
    registry: [
      { name: 'small:1b', layers: [{ digest: layer(1), size: 2 * MiB }] },
      { name: 'big:7b', layers: [{ digest: layer(2), size: 16 * MiB }] },
      { name: 'broken:1b', layers: [{ digest: layer(3), size: MiB }] },
    ],
    present: ['small:1b'],
    chunkBytes: 256 * 1024,
    chunkDelayMs: 100,
  });
  state = await mkdtemp(path.join(os.tmpdir(), 'aistack-e2e-models-'));
  const engine = createInMemoryEngine();
  const reading: GpuReading = {
    at: Date.now(),
    gpus: [
      {
        index: 0,
        name: 'Stand-in GPU',
        vendor: 'nvidia',
        memoryTotalBytes: 8192 * MiB,
        memoryUsedBytes: 2048 * MiB,
        utilizationPercent: 37,
      },
    ],
    processes: [],
  };
  await writeFile(path.join(state, 'password'), `${PASSWORD}\n`, { mode: 0o600 });
  app = createServer({
    engine: { ...engine, gpus: () => reading },
    auth: { admin: await loadAdminCredentials({ passwordFile: path.join(state, 'password'), cost: 4 }), metricsToken: undefined },
    models: createModelsSource({
      declared: [
        { name: 'small:1b', displayName: 'small', apps: ['open-webui'] },
        { name: 'big:7b', displayName: 'big:7b', apps: [] },
        { name: 'broken:1b', displayName: 'broken:1b', apps: [] },
      ],
      stateDirectory: state,
      connect: async () => createOllamaClient(standin.url),
      now: Date.now,
      cacheMs: 0,
    }),
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  browser = await openBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await standin?.close();
  if (state) await rm(state, { recursive: true, force: true });
});

describe('the Models and GPU views in a browser', () => {
  it('shows present and missing models, a pull with its progress, then present and failed with the reason', async () => {
    const { page } = browser;
    await page.goto(`${base}/`);
    await page.fill('#password', PASSWORD);
    await page.click('button[type=submit]');
    await page.click('a[data-view="models"]');
    await page.waitForSelector('[data-model="small:1b"][data-state="present"]');
    await page.waitForSelector('[data-model="big:7b"][data-state="missing"]');

    standin.failPullsOf('broken:1b', 'pull model manifest: file does not exist');
    const recorder = createPullProgressRecorder(state, { now: Date.now, intervalMs: 50 });
    const pulling = pullModels(createOllamaClient(standin.url), ['big:7b', 'broken:1b'], {
      now: Date.now,
      onProgress: recorder.onProgress,
      resumeDelayMs: 0,
    });
    // The view polls every 2 s; the 16 MiB pull takes about 6 s at 256 KiB per 100 ms.
    await page.waitForSelector('[data-model="big:7b"][data-state="pulling"]', { timeout: 20_000 });
    await browser.screenshot('models-pulling');
    await recordModelPulls(state, await pulling, new Date());
    await recorder.finish();
    await page.waitForSelector('[data-model="big:7b"][data-state="present"]', { timeout: 20_000 });
    await page.waitForSelector('[data-model="broken:1b"][data-state="failed"]', { timeout: 20_000 });
    expect(await page.textContent('[data-model="broken:1b"]')).toContain('file does not exist');
    await browser.screenshot('models');
  }, 90_000);

  it('shows each GPU with its utilisation and VRAM on the resources page', async () => {
    const { page } = browser;
    await page.click('a[data-view="resources"]');
    await page.waitForSelector('#gpus [data-gpu="0"]');
    const tile = await page.textContent('#gpus [data-gpu="0"]');
    expect(tile).toContain('GPU 0: Stand-in GPU');
    expect(tile).toContain('VRAM 2.0 GiB / 8.0 GiB');
    await browser.screenshot('gpus');
    expect(browser.problems).toEqual([]);
  }, 60_000);
});
