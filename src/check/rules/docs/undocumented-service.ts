import { defineRule } from '../../define-rule.js';

export const docsUndocumentedService = defineRule({
  id: 'docs/undocumented-service',
  severity: 'info',
  description: 'Require every service to be mentioned somewhere in the documentation',
  messages: { undocumented: 'service {{service}} is documented nowhere ({{files}})' },
  check(context) {
    if (context.docs.files.length === 0) return;
    for (const service of context.compose.services) {
      if (context.docs.words.has(service.name.toLowerCase())) continue;
      context.report({
        messageId: 'undocumented',
        data: { service: service.name, files: context.docs.files.join(', ') },
        range: context.compose.keyRangeOf(['services', service.name]),
      });
    }
  },
});
