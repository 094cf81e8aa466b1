import { defineRule } from '../../define-rule.js';

/** Schema problems are found by validate-schema.ts (ajv) in the engine and passed in as facts. */
export const composeSchema = defineRule({
  id: 'compose/schema',
  severity: 'error',
  description: 'Enforce that the compose file is valid against the Compose Specification',
  messages: { invalid: '{{path}} {{message}}' },
  check(context) {
    for (const problem of context.compose.problems) {
      if (problem.kind === 'missingFile') continue;
      context.report({
        messageId: 'invalid',
        data: { path: problem.kind === 'unknownExtends' ? 'extends' : '(root)', message: problem.message },
        range: problem.location,
      });
    }
    for (const problem of context.schemaProblems) {
      context.report({
        messageId: 'invalid',
        data: { path: problem.path.join('.') || '(root)', message: problem.message },
        range: problem.key === true ? context.compose.keyRangeOf(problem.path) : context.compose.rangeOf(problem.path),
      });
    }
  },
});
