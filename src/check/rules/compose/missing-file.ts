import { defineRule } from '../../define-rule.js';

export const composeMissingFile = defineRule({
  id: 'compose/missing-file',
  severity: 'error',
  description: 'Disallow include, extends and env_file entries that name files that do not exist',
  messages: { missing: '{{message}}; compose refuses to start the project' },
  check(context) {
    for (const problem of context.compose.problems) {
      if (problem.kind !== 'missingFile') continue;
      context.report({ messageId: 'missing', data: { message: problem.message }, range: problem.location });
    }
  },
});
