import { defineRule } from '../../define-rule.js';

export const composeUndefinedVariable = defineRule({
  id: 'compose/undefined-variable',
  severity: 'error',
  description: 'Disallow `${VAR}` references that neither .env nor a default defines',
  messages: { undefined: 'variable {{name}} is not set in .env and has no default; compose substitutes an empty string' },
  check(context) {
    const defined = new Set([...context.compose.envEntries.map((entry) => entry.name), ...context.environmentNames]);
    for (const use of context.compose.variableUses) {
      if (use.hasDefault || defined.has(use.name)) continue;
      context.report({ messageId: 'undefined', data: { name: use.name }, range: use.range });
    }
  },
});
