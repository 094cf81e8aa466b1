import { createBashHttpTest } from './health-tests.js';
import type { CatalogEntry } from './types.js';

/** Qdrant: the vector database. aistack always sets an API key (Traps 14: no auth by default). */
export const qdrantEntry: CatalogEntry = {
  id: 'qdrant',
  title: 'Qdrant',
  category: 'vector',
  description: 'Vector database for RAG and memory (REST on 6333, dashboard at /dashboard)',
  homepage: 'https://qdrant.tech',
  image: { repository: 'qdrant/qdrant', tag: 'v1.19.0' },
  port: 6333,
  protocol: 'http',
  // debian:13-slim + ca-certificates, tzdata, libunwind8: no curl/wget, bash present.
  // /readyz is exempt from the API key (src/actix/mod.rs).
  health: {
    test: createBashHttpTest(6333, '/readyz'),
    interval: '15s',
    timeout: '5s',
    retries: 5,
    startPeriod: '20s',
    probe: { type: 'http', path: '/readyz' },
  },
  volumes: [
    {
      name: 'storage',
      target: '/qdrant/storage',
      backup: { kind: 'qdrant-snapshot' },
      description: 'collections, vectors and payloads',
    },
    {
      name: 'snapshots',
      target: '/qdrant/snapshots',
      backup: { kind: 'skip', reason: 'working area of the qdrant-snapshot backup of the storage volume' },
      description: 'snapshots created by POST /snapshots',
    },
  ],
  secrets: [
    {
      name: 'api-key',
      // URL-safe password: other services read it through their wiring before Qdrant declares it.
      kind: 'password',
      variable: 'QDRANT__SERVICE__API_KEY',
      delivery: 'entrypoint',
      protects: 'the Qdrant API and dashboard (header api-key)',
    },
  ],
  environment: { QDRANT__TELEMETRY_DISABLED: 'true' },
  // No ENTRYPOINT; WORKDIR /qdrant, CMD ["./entrypoint.sh"].
  command: ['./entrypoint.sh'],
  shell: '/bin/bash',
  requires: [],
  route: {
    subdomain: 'qdrant',
    subPath: false,
    ownLogin: true,
    websocket: false,
    streaming: false,
    // service.max_request_size_mb defaults to 32 (config/config.yaml).
    uploadMaxMb: 32,
    readTimeoutSeconds: 300,
  },
  resources: { memoryMb: 2048, cpus: 1, pids: 1024 },
  networks: ['internal'],
  notes: [
    'The route counts the API key as the login (ownLogin): every request but /, /healthz, /livez and /readyz needs it. ' +
      'Sub-path serving is unverified upstream.',
    'gRPC (6334) is not routed: it needs HTTP/2 grpc_pass.',
    'Alternative to the env variable: a YAML file mounted as /qdrant/config/local.yaml (merged automatically).',
  ],
  ignoredFileVariables: ['QDRANT__SERVICE__API_KEY_FILE', 'QDRANT_API_KEY_FILE', 'QDRANT__SERVICE__READ_ONLY_API_KEY_FILE'],
  readsFileVariables: [],
};
