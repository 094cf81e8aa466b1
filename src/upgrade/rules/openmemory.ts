import type { UpgradeRule } from './types.js';

/** OpenMemory (sunset upstream; its successor is the Mem0 self-hosted server). */
export const openmemoryRules: readonly UpgradeRule[] = [
  {
    id: 'openmemory/sunset-mem0-server',
    services: ['openmemory', 'openmemory-ui'],
    verdict: 'blocked',
    title: 'OpenMemory was removed upstream; its successor is the Mem0 server',
    checks: 'the stack runs OpenMemory (any version)',
    why: 'OpenMemory was removed from mem0ai/mem0 on 2026-07-29 (PR #6530) and gets no fixes; upstream points to the Mem0 self-hosted server (server/: auth on by default, POSTGRES_PASSWORD required, pgvector/pgvector:pg17)',
    migration:
      'export the memories (`POST /api/v1/backup/export`), add the Mem0 server (see docs/upgrades.md, "OpenMemory → Mem0 server"), import them through its API with an API key, then remove openmemory and openmemory-ui; `--accept openmemory/sunset-mem0-server` only keeps OpenMemory as it is',
    steps: [],
    source: 'mem0ai/mem0 commit ea2ee0758 (PR #6530) and server/docker-compose.yaml at 8d5b786 (2026-08-22), read 2026-12-02',
    applies: (context) => context.catalogId === 'openmemory' || context.catalogId === 'openmemory-ui',
  },
];
