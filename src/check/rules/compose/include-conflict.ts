import { defineRule } from '../../define-rule.js';

export const composeIncludeConflict = defineRule({
  id: 'compose/include-conflict',
  severity: 'error',
  description: 'Disallow include entries that bring a service, network, volume, secret or config the project already defines',
  messages: {
    conflict:
      '{{included}} defines {{section}}.{{name}}, which {{defined}} already defines; compose refuses to start the project ' +
      '("{{section}}.{{name}} conflicts with imported resource")',
  },
  check(context) {
    for (const problem of context.compose.problems) {
      if (problem.kind !== 'includeConflict' || !problem.conflict) continue;
      const { section, name, included, defined } = problem.conflict;
      context.report({
        messageId: 'conflict',
        data: {
          included,
          section,
          name,
          defined: defined ? `${defined.file}:${defined.line}:${defined.column}` : 'the project',
        },
        range: problem.location,
      });
    }
  },
});
