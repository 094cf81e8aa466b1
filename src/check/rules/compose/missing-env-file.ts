import { defineRule } from '../../define-rule.js';

export const composeMissingEnvFile = defineRule({
  id: 'compose/missing-env-file',
  severity: 'info',
  description: 'Require a .env when the project ships a .env.example',
  messages: {
    fallback:
      '.env is missing, so this check used the values of {{file}}; compose would use none: copy it (cp {{file}} .env) and set real values',
  },
  check(context) {
    const { compose } = context;
    if (!compose.envFallback || compose.envFile === undefined) return;
    context.report({
      messageId: 'fallback',
      data: { file: compose.envFile },
      file: compose.envFile,
      range: { line: 1, column: 1, endLine: 1, endColumn: 1 },
    });
  },
});
