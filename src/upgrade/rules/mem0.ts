import type { UpgradeRule } from './types.js';

/** The Mem0 self-hosted server (OpenMemory's successor). */
export const mem0Rules: readonly UpgradeRule[] = [
  {
    id: 'mem0/from-openmemory',
    services: ['mem0', 'mem0-dashboard'],
    verdict: 'blocked',
    title: 'OpenMemory is retired: the next deploy runs the Mem0 server instead, without your memories',
    checks:
      'the last healthy revision still runs an OpenMemory image where the stack now has mem0 (the retired id openmemory, or ' +
      'openmemory-ui, became mem0 and mem0-dashboard)',
    why:
      'OpenMemory was removed from mem0ai/mem0 on 2026-07-29 (PR #6530); its successor, the Mem0 self-hosted server, is ' +
      'another program: a REST API with auth on (JWT_SECRET, admin account, API keys) and memories in pgvector on PostgreSQL ' +
      'instead of SQLite plus Qdrant, and no MCP endpoint. Nothing is converted: the OpenMemory SQLite volume stays on disk, unused',
    migration:
      'export the memories while OpenMemory still runs (`POST /api/v1/backup/export` with {"user_id": "aistack"}: a zip ' +
      'with memories.jsonl.gz), deploy (mem0 gets its database with pgvector and its secrets), create the admin at the ' +
      'dashboard, then import each line through `POST /memories` with `X-API-Key` and "infer": false (docs/upgrades.md, ' +
      '"OpenMemory → Mem0 server"); rename services.openmemory to mem0 in aistack.yaml. The rule stops applying once a ' +
      'deploy has run mem0 (nothing for `upgrade apply` to do: it is a deploy, not an image step)',
    steps: [],
    source:
      'mem0ai/mem0 commit ea2ee0758 (PR #6530); openmemory/api/app/routers/backup.py at 540d23d6; server/main.py, auth.py ' +
      'and docker-compose.yaml at 8d5b786 (2026-08-22); read 2026-12-02',
    applies: (context) => /(^|\/)openmemory-(mcp|ui)$/.test(context.fromRepository),
  },
];
