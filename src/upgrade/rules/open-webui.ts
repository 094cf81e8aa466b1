import { crosses } from './crosses.js';
import type { UpgradeRule } from './types.js';

/** Open WebUI. */
export const openWebuiRules: readonly UpgradeRule[] = [
  {
    id: 'open-webui/v0.8-schema',
    services: ['open-webui'],
    verdict: 'needs-migration',
    title: 'Open WebUI 0.8 changes its database schema; no rolling update',
    checks: 'the step goes from below 0.8.0 to 0.8.0 or later',
    why:
      '0.8.0 (2026-02-12) migrates the database on start (a new chat_message table, long on big histories); every instance ' +
      'must be updated at once, an old instance fails on the new schema, and failed migrations were reported ' +
      '(open-webui#21349, #25093)',
    migration:
      'aistack backs up the data volume and database first, stops every Open WebUI container, then starts the new version ' +
      '(one container migrates); do not interrupt the first start',
    steps: ['stop-before-start'],
    source: 'Open WebUI v0.8.0 release notes (2026-02-12) and open-webui#21349, read 2026-12-02',
    applies: (context) => crosses(context.fromTag, context.toTag, '0.8.0'),
  },
];
