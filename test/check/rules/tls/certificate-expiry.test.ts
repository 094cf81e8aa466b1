import { tlsCertificateExpiry } from '../../../../src/check/rules/tls/certificate-expiry.js';
import { testRule } from '../../support/rule-tester.js';

testRule(tlsCertificateExpiry, {
  valid: [
    {
      name: 'valid for 60 more days',
      compose: 'services:\n  proxy:\n    image: nginx:1.27\n',
      facts: {
        certificates: [
          {
            file: '.aistack/tls/live/fullchain.pem',
            subjectAltNames: ['ai.example.com', '*.ai.example.com'],
            notAfter: '2027-01-25T12:00:00.000Z',
            keyMatches: true,
          },
        ],
      },
    },
  ],
  invalid: [
    {
      name: 'expired, and expiring in 10 days',
      compose: 'services:\n  proxy:\n    image: nginx:1.27\n',
      facts: {
        certificates: [
          {
            file: '.aistack/tls/live/fullchain.pem',
            subjectAltNames: ['ai.example.com', '*.ai.example.com'],
            notAfter: '2026-11-01T00:00:00.000Z',
          },
          {
            file: 'other.pem',
            subjectAltNames: ['ai.example.com', '*.ai.example.com'],
            notAfter: '2026-12-06T12:00:00.000Z',
          },
        ],
      },
      errors: [
        {
          messageId: 'expired',
          data: {
            date: '2026-11-01',
          },
          file: '.aistack/tls/live/fullchain.pem',
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 1,
        },
        {
          messageId: 'expiring',
          data: {
            date: '2026-12-06',
            days: 10,
          },
          file: 'other.pem',
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 1,
        },
      ],
    },
  ],
});
