import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBuiltCli } from '../support/built-cli.js';
import { startOllamaStandin } from '../support/ollama-standin.js';
import type { OllamaStandin } from '../support/ollama-standin.js';

const MiB = 1024 * 1024;
const layer = (tag: string, size: number) => ({ digest: `sha256:${tag.padEnd(64, '0')}`, size });
const registry = [
  {
    name: 'llama3.2:3b',
    layers: [layer('a1', 3 * MiB), layer('a2', 512)],
    info: { 'llama.block_count': 28, 'llama.embedding_length': 3072, 'llama.attention.head_count': 24, 'llama.attention.head_count_kv': 8 },
  },
  { name: 'qwen2.5:7b', layers: [layer('b1', 5 * MiB)] },
  { name: 'old:1b', layers: [layer('c1', 2 * MiB)] },
];
const manifest = `name: aismod-cli
domain: ai.localhost
services:
  ollama:
  open-webui:
models:
  diskBudget: 100m
  ollama:
    - name: llama3.2:3b
    - name: qwen2.5:7b
      contextLength: 8192
`;

let standin: OllamaStandin;
let directory: string;
let env: NodeJS.ProcessEnv;
beforeAll(async () => {
  standin = await startOllamaStandin({ registry, present: ['old:1b'], chunkBytes: MiB });
  directory = await mkdtemp(path.join(os.tmpdir(), 'aismod-models-'));
  await writeFile(path.join(directory, 'aistack.yaml'), manifest);
  env = { ...process.env, AISTACK_OLLAMA_URL: standin.url, AISTACK_OLLAMA_REGISTRY: standin.url, AISTACK_HOST_ROOT: directory };
});
afterAll(async () => {
  await standin.close();
  await rm(directory, { recursive: true, force: true });
});

const cli = (args: string[]) => runBuiltCli(['-C', directory, ...args], { env, timeoutMs: 60_000 });
const events = (stdout: string) =>
  stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);

describe('aistack models (against the Ollama stand-in)', () => {
  it('pull streams progress events with bytes, rate and ETA, then the result; a re-run fetches 0 bytes', async () => {
    const first = await cli(['models', 'pull', '--json']);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const lines = events(first.stdout);
    const progress = lines.filter((line) => line.event === 'model-pull');
    expect(progress.map((line) => `${String(line.model)} ${String(line.phase)}`)).toContain('qwen2.5:7b done');
    expect(progress.find((line) => line.phase === 'pulling')).toMatchObject({
      bytes: { total: expect.any(Number) },
      rate: expect.any(Number),
    });
    expect(lines.at(-1)).toMatchObject({ event: 'models', pulled: 2, present: 0, failed: 0, transferred: 8 * MiB + 512 });

    standin.resetCounters();
    const second = await cli(['models', 'pull', '--json']);
    expect(events(second.stdout).at(-1)).toMatchObject({ event: 'models', pulled: 0, present: 2, failed: 0, transferred: 0 });
    expect(standin.bytesServed()).toBe(0);
    expect(standin.pullRequests()).toBe(0);
    const state = JSON.parse(await readFile(path.join(directory, '.aistack/models.json'), 'utf8')) as {
      models: { model: string; status: string }[];
    };
    expect(state.models.map((entry) => `${entry.model} ${entry.status}`)).toEqual(['llama3.2:3b present', 'qwen2.5:7b present']);
  });

  it('pull refuses a model aistack.yaml does not declare', async () => {
    const result = await cli(['models', 'pull', 'mistral:7b']);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'error: AIS_MODELS_NOT_DECLARED mistral:7b is not in models.ollama of aistack.yaml\nhint: declare it (models.ollama: ' +
        '- name: mistral:7b) so every app sees it, or pass --any\n',
    );
  });

  it('list shows declared, present and undeclared models', async () => {
    const result = await cli(['models', 'list']);
    expect(result.stdout).toBe(
      [
        'MODEL        STATE                                     SIZE     APPS',
        'llama3.2:3b  present                                   3.0 MiB  open-webui',
        'qwen2.5:7b   present                                   5.0 MiB  open-webui',
        'old:1b       not declared (`models prune` removes it)  2.0 MiB',
        '',
      ].join('\n'),
    );
  });

  it('status shows the VRAM estimate and where a loaded model runs; no GPU here', async () => {
    standin.setRunning([{ name: 'llama3.2:3b', size: 4 * MiB, sizeVram: 0 }]);
    const result = await cli(['models', 'status', '--json']);
    const body = JSON.parse(result.stdout) as {
      accelerator: string;
      models: {
        name: string;
        estimate: { kvCacheBytes: number; exact: boolean };
        fit: { status: string };
        loaded?: { gpuShare: number };
      }[];
    };
    expect(body.accelerator).toBe('none');
    expect(body.models[0]).toMatchObject({
      name: 'llama3.2:3b',
      estimate: { kvCacheBytes: 2 * 28 * 4096 * 3072 * (8 / 24) * 2, exact: true },
      fit: { status: 'cpu-only' },
      loaded: { gpuShare: 0 },
    });
  });

  it('prune asks for confirmation: without a terminal it refuses, with --yes it removes only undeclared models', async () => {
    const refused = await cli(['models', 'prune']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      'error: AIS_MODELS_CONFIRM_REQUIRED prune would remove these models, which aistack.yaml does not declare:\n  old:1b (2.0 MiB)',
    );
    expect(standin.present()).toContain('old:1b');
    const pruned = await cli(['models', 'prune', '--yes']);
    expect(pruned.stdout).toBe('Removed old:1b; 2.0 MiB freed.\n');
    expect(standin.present()).toEqual(['llama3.2:3b', 'qwen2.5:7b']);
  });

  it('remove takes a model out of Ollama', async () => {
    const result = await cli(['models', 'remove', 'qwen2.5:7b', 'nothere:1b']);
    expect(result.stdout).toBe('Removed qwen2.5:7b. Not in Ollama: nothere:1b.\n');
  });
});
