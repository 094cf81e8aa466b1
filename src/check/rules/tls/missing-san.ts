import { defineRule } from '../../define-rule.js';

function matches(name: string, host: string): boolean {
  if (name === host) return true;
  return name.startsWith('*.') && host.endsWith(name.slice(1)) && !host.slice(0, -name.length + 1).includes('.');
}

export const tlsMissingSan = defineRule({
  id: 'tls/missing-san',
  severity: 'error',
  description: 'Require the certificate to name every host the proxy serves',
  messages: { missing: 'certificate does not cover {{host}} (it names {{names}})' },
  check(context) {
    if (!context.project) return;
    const hosts = [...new Set([context.project.domain, ...context.project.routes.map((route) => route.host)])].filter(
      (host) => host !== '',
    );
    for (const certificate of context.facts.certificates) {
      for (const host of hosts) {
        if (certificate.subjectAltNames.some((name) => matches(name.toLowerCase(), host.toLowerCase()))) continue;
        context.report({
          messageId: 'missing',
          data: { host, names: certificate.subjectAltNames.join(', ') || 'nothing' },
          file: certificate.file,
          range: { line: 1, column: 1, endLine: 1, endColumn: 1 },
        });
      }
    }
  },
});
