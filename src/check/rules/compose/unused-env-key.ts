import { defineRule } from '../../define-rule.js';

export const composeUnusedEnvKey = defineRule({
  id: 'compose/unused-env-key',
  severity: 'info',
  description: 'Disallow .env keys that the compose files never use',
  messages: { unused: '.env key {{name}} is never used in {{compose}}' },
  check(context) {
    const { compose } = context;
    if (compose.envFile === undefined) return;
    const used = new Set(compose.variableUses.map((use) => use.name));
    for (const entry of compose.envEntries) {
      // COMPOSE_* configure compose itself (COMPOSE_FILE, COMPOSE_PROFILES, COMPOSE_PROJECT_NAME).
      if (used.has(entry.name) || compose.envUses.has(entry.name) || entry.name.startsWith('COMPOSE_')) continue;
      context.report({
        messageId: 'unused',
        data: { name: entry.name, compose: compose.file },
        file: compose.envFile,
        range: { line: entry.line, column: entry.column, endLine: entry.line, endColumn: entry.column + entry.name.length },
      });
    }
  },
});
