import { defineRule } from '../../define-rule.js';
import { publishedHostPorts } from '../../model/doc-targets.js';

export const docsUnknownPort = defineRule({
  id: 'docs/unknown-port',
  severity: 'warning',
  description: 'Disallow documentation that names host ports nothing publishes',
  messages: { unknown: 'the docs name port {{port}}, which no service publishes' },
  check(context) {
    const ports = publishedHostPorts(context);
    for (const mention of context.docs.mentions) {
      const port = mention.kind === 'port' ? Number(mention.value) : undefined;
      if (port === undefined || ports.has(port)) continue;
      context.report({ messageId: 'unknown', data: { port }, file: mention.file, range: mention.range });
    }
  },
});
