import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOllamaClient } from '../../src/models/ollama-client.js';
import { pullModels } from '../../src/models/pull-models.js';
import type { ModelPullProgress } from '../../src/models/pull-tracker.js';
import { fetchRegistrySize } from '../../src/models/registry-size.js';
import { startOllamaStandin } from '../support/ollama-standin.js';
import type { OllamaStandin } from '../support/ollama-standin.js';

const MiB = 1024 * 1024;
const registry = [
  {
    name: 'small:1b',
    layers: [
      { digest: 'sha256:aaaa000000000000000000000000000000000000000000000000000000000001', size: 6 * MiB },
      { digest: 'sha256:aaaa000000000000000000000000000000000000000000000000000000000002', size: 1024 },
    ],
    info: { 'general.parameter_count': 1_000_000_000, 'llama.block_count': 16, 'llama.embedding_length': 2048 },
  },
  { name: 'medium:3b', layers: [{ digest: 'sha256:bbbb000000000000000000000000000000000000000000000000000000000001', size: 8 * MiB }] },
  { name: 'other:7b', layers: [{ digest: 'sha256:cccc000000000000000000000000000000000000000000000000000000000001', size: 4 * MiB }] },
];

let standin: OllamaStandin;
beforeAll(async () => {
  standin = await startOllamaStandin({ registry, chunkBytes: MiB });
});
afterAll(async () => standin.close());

function clock(): () => number {
  let now = 0;
  return () => (now += 100); // every reading is 100 ms later: a steady 10 chunks/s
}

describe('pullModels against the Ollama stand-in', () => {
  it('pulls what is missing with progress, and a re-run fetches 0 bytes without asking Ollama to pull', async () => {
    const client = createOllamaClient(standin.url);
    const seen: ModelPullProgress[] = [];
    const results = await pullModels(client, ['small:1b'], {
      now: clock(),
      onProgress: (progress) => seen.push(progress),
      resumeDelayMs: 0,
    });
    expect(results).toEqual([{ model: 'small:1b', status: 'pulled', transferred: 6 * MiB + 1024, sizeBytes: 6 * MiB + 1024, resumes: 0 }]);
    const middle = seen.find((progress) => progress.phase === 'pulling' && progress.bytes.done === 3 * MiB)!;
    expect(middle.rate).toBeGreaterThan(0);
    expect(middle.etaSeconds).toBeGreaterThan(0);
    expect(seen.at(-1)).toMatchObject({ phase: 'done', etaSeconds: 0 });

    standin.resetCounters();
    const again = await pullModels(client, ['small:1b'], { now: clock(), resumeDelayMs: 0 });
    expect(again).toEqual([{ model: 'small:1b', status: 'present', transferred: 0, sizeBytes: 6 * MiB + 1024, resumes: 0 }]);
    expect(standin.bytesServed()).toBe(0);
    expect(standin.pullRequests()).toBe(0);
  });

  it('resumes a pull whose connection dropped mid-layer from where the layer was, fetching each byte once', async () => {
    const client = createOllamaClient(standin.url);
    standin.resetCounters();
    standin.dropNextPullAfter(3 * MiB);
    const seen: ModelPullProgress[] = [];
    const [result] = await pullModels(client, ['medium:3b'], {
      now: clock(),
      onProgress: (progress) => seen.push(progress),
      resumeDelayMs: 0,
    });
    expect(result).toEqual({ model: 'medium:3b', status: 'pulled', transferred: 8 * MiB, sizeBytes: 8 * MiB, resumes: 1 });
    expect(standin.bytesServed()).toBe(8 * MiB);
    expect(standin.pullRequests()).toBe(2);
    expect(seen.some((progress) => progress.detail === 'connection dropped; resuming (1/5)')).toBe(true);
  });

  it("reports Ollama's error line as a failed model and still pulls the others", async () => {
    const client = createOllamaClient(standin.url);
    const results = await pullModels(client, ['missing:1b', 'other:7b'], { now: clock(), concurrency: 2, resumeDelayMs: 0 });
    expect(results).toEqual([
      {
        model: 'missing:1b',
        status: 'failed',
        transferred: 0,
        sizeBytes: 0,
        resumes: 0,
        error: {
          code: 'AIS_MODELS_PULL_FAILED',
          message: 'pulling missing:1b failed: pull model manifest: file does not exist',
          hint: 'check the name and tag on ollama.com/library',
        },
      },
      { model: 'other:7b', status: 'pulled', transferred: 4 * MiB, sizeBytes: 4 * MiB, resumes: 0 },
    ]);
  });

  it('refuses a model over models.diskBudget before any byte, with the numbers', async () => {
    const fresh = await startOllamaStandin({ registry, present: ['small:1b'] });
    try {
      const client = createOllamaClient(fresh.url);
      const results = await pullModels(client, ['medium:3b', 'other:7b'], {
        now: clock(),
        sizeOf: (name) => fetchRegistrySize(name, fresh.url),
        freeBytes: async () => 100 * MiB,
        diskBudgetBytes: 12 * MiB,
        resumeDelayMs: 0,
      });
      expect(results[0]).toEqual({
        model: 'medium:3b',
        status: 'failed',
        transferred: 0,
        sizeBytes: 8 * MiB,
        resumes: 0,
        error: {
          code: 'AIS_MODELS_DISK_BUDGET',
          message:
            'medium:3b needs 8.0 MiB; with 6.0 MiB already taken by models that makes 14.0 MiB, over models.diskBudget (12.0 MiB); nothing was fetched',
          hint: 'raise models.diskBudget, remove models you no longer use (`aistack models prune`), or pick a smaller tag',
        },
      });
      expect(results[1]).toMatchObject({ model: 'other:7b', status: 'pulled' });
      expect(fresh.bytesServed()).toBe(4 * MiB);
    } finally {
      await fresh.close();
    }
  });

  it('refuses a model bigger than the free space in the volume', async () => {
    const fresh = await startOllamaStandin({ registry });
    try {
      const [result] = await pullModels(createOllamaClient(fresh.url), ['medium:3b'], {
        now: clock(),
        sizeOf: (name) => fetchRegistrySize(name, fresh.url),
        freeBytes: async () => 5 * MiB,
      });
      expect(result!.error).toEqual({
        code: 'AIS_MODELS_DISK_FULL',
        message: "medium:3b needs 8.0 MiB but Ollama's volume has 5.0 MiB free; nothing was fetched",
        hint: 'free space on the Docker host (`docker system df`), or remove models (`aistack models prune`)',
      });
      expect(fresh.bytesServed()).toBe(0);
    } finally {
      await fresh.close();
    }
  });
});

describe('createOllamaClient', () => {
  it('lists, describes, reports loaded models with size_vram, and removes', async () => {
    const fresh = await startOllamaStandin({ registry, present: ['small:1b'] });
    try {
      const client = createOllamaClient(fresh.url);
      expect(await client.version()).toBe('0.32.15');
      expect(await client.list()).toEqual([
        {
          name: 'small:1b',
          size: 6 * MiB + 1024,
          digest: 'aaaa000000000000000000000000000000000000000000000000000000000001',
          modifiedAt: '2026-12-01T00:00:00Z',
          quantization: 'Q4_K_M',
        },
      ]);
      expect(await client.show('small:1b')).toEqual({
        parameterCount: 1_000_000_000,
        blockCount: 16,
        embeddingLength: 2048,
        quantization: 'Q4_K_M',
      });
      fresh.setRunning([{ name: 'small:1b', size: 2 * MiB, sizeVram: MiB, contextLength: 4096 }]);
      expect(await client.running()).toEqual([
        { name: 'small:1b', size: 2 * MiB, sizeVram: MiB, expiresAt: '2026-12-01T00:05:00Z', contextLength: 4096 },
      ]);
      expect(await client.remove('small:1b')).toBe(true);
      expect(await client.remove('small:1b')).toBe(false);
      expect(await client.list()).toEqual([]);
    } finally {
      await fresh.close();
    }
  });

  it('says where it tried when Ollama is not there', async () => {
    const client = createOllamaClient('http://127.0.0.1:9', { timeoutMs: 2000 });
    await expect(client.list()).rejects.toMatchObject({ code: 'AIS_MODELS_UNREACHABLE' });
  });
});
