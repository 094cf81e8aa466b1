import { adminerRules } from './rules/adminer.js';
import { flowiseRules } from './rules/flowise.js';
import { mem0Rules } from './rules/mem0.js';
import { n8nRules } from './rules/n8n.js';
import { ollamaRules } from './rules/ollama.js';
import { openWebuiRules } from './rules/open-webui.js';
import { postgresRules } from './rules/postgres.js';
import { qdrantRules } from './rules/qdrant.js';
import { supabaseRules } from './rules/supabase.js';
import type { UpgradeContext, UpgradeRule } from './rules/types.js';

/** Every known breaking change, one file per service under rules/ (docs/upgrades.md). */
export const UPGRADE_RULES: readonly UpgradeRule[] = [
  ...adminerRules,
  ...flowiseRules,
  ...mem0Rules,
  ...n8nRules,
  ...ollamaRules,
  ...openWebuiRules,
  ...postgresRules,
  ...qdrantRules,
  ...supabaseRules,
];

/** The rules about this service that apply to the step (in id order). */
export function findApplyingRules(context: UpgradeContext, rules: readonly UpgradeRule[] = UPGRADE_RULES): UpgradeRule[] {
  if (context.catalogId === undefined) return [];
  return rules
    .filter((rule) => rule.services.includes(context.catalogId!) && rule.applies(context))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
