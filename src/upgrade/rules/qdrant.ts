import { crosses } from './crosses.js';
import type { UpgradeRule } from './types.js';

/** Qdrant. */
export const qdrantRules: readonly UpgradeRule[] = [
  {
    id: 'qdrant/search-endpoints',
    services: ['qdrant'],
    verdict: 'needs-migration',
    title: 'Qdrant 1.19 drops the old search/recommend/discover endpoints from its API',
    checks: 'the step goes from below 1.19 to 1.19 or later',
    why:
      'deprecated since 1.13.3, POST /points/search, /recommend, /discover (and their batch/groups forms) are gone from the ' +
      '1.19 OpenAPI spec and deprecated in gRPC; the handlers still answer in 1.19, a later release removes them',
    migration: 'nothing breaks in this step; move clients to POST /points/query (available since 1.10) before the handlers go',
    steps: [],
    source: 'qdrant/qdrant#9982 (merged 2026-07-25), read 2026-12-02',
    applies: (context) => crosses(context.fromTag, context.toTag, '1.19'),
  },
];
