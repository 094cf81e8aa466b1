import { crosses } from './crosses.js';
import type { UpgradeRule } from './types.js';

const REMOVED_IN_3 = ['OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS', 'N8N_DB_PING_TIMEOUT', 'N8N_MIGRATE_FS_STORAGE_PATH'];
const SOURCE = 'docs.n8n.io/changelog/v30-breaking-changes (n8n-io/n8n-docs docs/changelog/v30-breaking-changes.md), read 2026-12-02';

/** n8n. */
export const n8nRules: readonly UpgradeRule[] = [
  {
    id: 'n8n/v3-storage-rename',
    services: ['n8n', 'n8n-runners'],
    verdict: 'needs-migration',
    title: 'n8n 3.0 renames its binary-data folder and changes defaults',
    checks: 'the step goes from 2.x to 3.0 or later',
    why:
      'on first start n8n 3.0 renames ~/.n8n/binaryData to ~/.n8n/storage (refusing to start when both exist), migrates its ' +
      'database forward only, and lowers N8N_RUNNERS_TASK_TIMEOUT from 300 to 60 s: the old version cannot run on what 3.0 leaves',
    migration:
      'aistack backs up the n8n database and volume first; set N8N_RUNNERS_TASK_TIMEOUT in services.n8n.env if Code nodes ' +
      'run longer than a minute, and check Settings > Migration Report in 2.x for workflows that use removed nodes',
    steps: [],
    source: SOURCE,
    applies: (context) => crosses(context.fromTag, context.toTag, '3'),
  },
  {
    id: 'n8n/v3-removed-settings',
    services: ['n8n'],
    verdict: 'blocked',
    title: 'n8n 3.0 removed settings this stack still sets',
    checks:
      `the step goes to 3.0 or later and the environment sets ${REMOVED_IN_3.join(', ')} or ` +
      'N8N_DEFAULT_BINARY_DATA_MODE=default, or a volume is mounted at ~/.n8n/binaryData',
    why:
      'n8n 3.0 no longer reads these (DB_PING_TIMEOUT_MS replaces N8N_DB_PING_TIMEOUT; manual executions always run on ' +
      'workers in queue mode; the in-memory binary mode is gone) and a volume at binaryData no longer holds the files',
    migration:
      'remove the variables from services.n8n.env (set DB_PING_TIMEOUT_MS instead of N8N_DB_PING_TIMEOUT; ' +
      'N8N_DEFAULT_BINARY_DATA_MODE=filesystem), mount storage at ~/.n8n/storage, then `--accept n8n/v3-removed-settings`',
    steps: [],
    source: SOURCE,
    applies: (context) =>
      crosses(context.fromTag, context.toTag, '3') &&
      (REMOVED_IN_3.some((name) => name in context.environment) ||
        context.environment.N8N_DEFAULT_BINARY_DATA_MODE === 'default' ||
        context.volumeTargets.some((target) => target.endsWith('/.n8n/binaryData'))),
  },
];
