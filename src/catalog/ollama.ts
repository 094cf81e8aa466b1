import { createBashHttpTest } from './health-tests.js';
import type { CatalogEntry } from './types.js';

/** Ollama: the local LLM runtime. No login of its own (`OLLAMA_AUTH` is client-side only). */
export const ollamaEntry: CatalogEntry = {
  id: 'ollama',
  title: 'Ollama',
  category: 'llm',
  description: 'Runs open LLMs locally (llama, qwen, mistral …) behind an HTTP API',
  homepage: 'https://ollama.com',
  image: { repository: 'ollama/ollama', tag: '0.32.15' },
  port: 11434,
  protocol: 'http',
  // ubuntu:24.04 + ca-certificates, libvulkan1, libopenblas0: no curl or wget, but bash.
  health: {
    test: createBashHttpTest(11434, '/api/version'),
    interval: '15s',
    timeout: '5s',
    retries: 5,
    startPeriod: '20s',
    probe: { type: 'http', path: '/api/version' },
  },
  volumes: [
    {
      name: 'models',
      target: '/root/.ollama',
      backup: { kind: 'skip', reason: 'models can be pulled again; set backup.includeModels to archive them' },
      description: 'pulled and locally created models, and the server identity key',
    },
  ],
  secrets: [],
  environment: { OLLAMA_KEEP_ALIVE: '5m' },
  entrypoint: ['/bin/ollama'],
  command: ['serve'],
  shell: '/bin/bash',
  requires: [],
  route: {
    subdomain: 'ollama',
    subPath: false,
    ownLogin: false,
    websocket: false,
    streaming: true,
    uploadMaxMb: 100,
    readTimeoutSeconds: 3600,
    bearer: true,
  },
  resources: { memoryMb: 8192, cpus: 2, pids: 1024 },
  // Ollama's release workflow pushes every version twice: `<version>` and `<version>-rocm`
  // (docker/metadata-action, type=semver pattern={{version}}, suffix -rocm); AMD needs the latter.
  gpu: { nvidia: true, amd: { tagSuffix: '-rocm' } },
  // edge: it pulls models from the internet.
  networks: ['edge', 'internal'],
  notes: [
    'The Docker tag format without the leading "v" (0.32.15) is unverified upstream (catalog-facts: the release workflow strips the v).',
    'Sub-path serving is unverified upstream, so only a subdomain is offered.',
    'Memory limit 8 GiB is an estimate: RAM/VRAM ≈ model size + context; raise it for larger models.',
  ],
  ignoredFileVariables: ['OLLAMA_AUTH_FILE'],
  readsFileVariables: [],
};
