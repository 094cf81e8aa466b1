import { defineRule } from '../../define-rule.js';

export const tlsKeyMismatch = defineRule({
  id: 'tls/key-mismatch',
  severity: 'error',
  description: 'Require the private key to belong to the certificate',
  messages: { mismatch: 'the private key next to this certificate does not match it; the proxy will not start' },
  check(context) {
    for (const certificate of context.facts.certificates) {
      if (certificate.keyMatches === false)
        context.report({ messageId: 'mismatch', file: certificate.file, range: { line: 1, column: 1, endLine: 1, endColumn: 1 } });
    }
  },
});
