import { defineRule } from '../../define-rule.js';

const DAY = 24 * 60 * 60 * 1000;

export const tlsCertificateExpiry = defineRule({
  id: 'tls/certificate-expiry',
  severity: 'error',
  description: 'Disallow certificates that have expired or expire within 30 days',
  messages: {
    expired: 'certificate expired on {{date}}',
    expiring: 'certificate expires on {{date}}, in {{days}} days',
  },
  check(context) {
    const now = Date.parse(context.facts.now);
    for (const certificate of context.facts.certificates) {
      const notAfter = Date.parse(certificate.notAfter);
      const range = { line: 1, column: 1, endLine: 1, endColumn: 1 };
      const date = certificate.notAfter.slice(0, 10);
      if (notAfter <= now) context.report({ messageId: 'expired', data: { date }, file: certificate.file, range });
      else if (notAfter - now < 30 * DAY)
        context.report({
          messageId: 'expiring',
          data: { date, days: Math.floor((notAfter - now) / DAY) },
          file: certificate.file,
          range,
          severity: 'warning',
        });
    }
  },
});
