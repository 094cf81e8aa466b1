import { defineRule } from '../../define-rule.js';
import { publishedHostPorts } from '../../model/doc-targets.js';

const LOCAL = new Set(['localhost', '127.0.0.1', '0.0.0.0', '[::1]']);

export const docsUnknownUrl = defineRule({
  id: 'docs/unknown-url',
  severity: 'warning',
  description: 'Disallow documentation URLs that point at ports, hosts or paths the stack does not serve',
  messages: {
    port: 'the docs link {{url}}, but no service publishes port {{port}}',
    route: 'the docs link {{url}}, but the proxy serves no route for {{host}}{{path}}',
  },
  check(context) {
    const ports = publishedHostPorts(context);
    const { project } = context;
    for (const mention of context.docs.mentions) {
      if (mention.kind !== 'url' || !mention.url) continue;
      const { host, port, path } = mention.url;
      if (LOCAL.has(host)) {
        const effective = port ?? (mention.value.startsWith('https:') ? 443 : 80);
        if (!ports.has(effective)) context.report({ messageId: 'port', data: { url: mention.value, port: effective }, file: mention.file, range: mention.range });
        continue;
      }
      if (!project || project.domain === '' || !(host === project.domain || host.endsWith(`.${project.domain}`))) continue;
      const served = project.routes.some((route) => route.host === host && (path === route.path.replace(/\/$/, '') || path.startsWith(route.path)));
      if (!served) context.report({ messageId: 'route', data: { url: mention.value, host, path }, file: mention.file, range: mention.range });
    }
  },
});
