import { crosses } from './crosses.js';
import type { UpgradeRule } from './types.js';

/** Flowise. */
export const flowiseRules: readonly UpgradeRule[] = [
  {
    id: 'flowise/v3.1-langchain-v1',
    services: ['flowise'],
    verdict: 'needs-migration',
    title: 'Flowise 3.1 moved to LangChain v1',
    checks: 'the step goes from below 3.1 to 3.1 or later',
    why: 'custom tools, custom JS functions and nodes written against LangChain 0.x APIs can fail after the move; the database migrates forward on start',
    migration: 'aistack backs up the Flowise database and volume first; test custom tools and functions after the upgrade',
    steps: [],
    source: 'field-notes.md, 2026-12-01; not re-verified upstream',
    applies: (context) => crosses(context.fromTag, context.toTag, '3.1'),
  },
];
