import { defineRule } from '../../define-rule.js';

export const composeUndefinedVariable = defineRule({
  id: 'compose/undefined-variable',
  severity: 'error',
  description: 'Disallow `${VAR}` references that neither .env nor a default defines',
  messages: {
    undefined: 'variable {{name}} is not set in .env and has no default; compose substitutes an empty string',
    required: 'variable {{name}} is required (`${{{name}}:?…}`) and not set: compose refuses to start ("{{message}}")',
  },
  check(context) {
    const { compose } = context;
    const defined = new Set([...compose.envEntries.map((entry) => entry.name), ...context.environmentNames]);
    for (const use of compose.variableUses) {
      if (use.missing !== undefined) {
        context.report({ messageId: 'required', data: { name: use.name, message: use.missing }, range: use.range });
        continue;
      }
      if (use.hasDefault || use.required || use.isSet || defined.has(use.name)) continue;
      context.report({ messageId: 'undefined', data: { name: use.name }, range: use.range });
    }
  },
});
