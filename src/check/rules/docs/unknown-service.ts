import { defineRule } from '../../define-rule.js';

export const docsUnknownService = defineRule({
  id: 'docs/unknown-service',
  severity: 'warning',
  description: 'Disallow documentation that names services the compose project does not have',
  messages: { unknown: 'the docs name service {{name}}, which {{compose}} does not define' },
  check(context) {
    const names = new Set(context.compose.services.map((service) => service.name));
    for (const mention of context.docs.mentions) {
      if (mention.kind !== 'service' || names.has(mention.value)) continue;
      context.report({
        messageId: 'unknown',
        data: { name: mention.value, compose: context.compose.file },
        file: mention.file,
        range: mention.range,
      });
    }
  },
});
