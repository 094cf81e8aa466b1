import { tlsCertificateExpiry } from '../../../../src/check/rules/tls/certificate-expiry.js';
import { testRule } from '../../support/rule-tester.js';

testRule(tlsCertificateExpiry, {
  valid: [
    {
      name: 'exactly 30 days left',
      compose: 'services: {}\n',
      facts: { certificates: [{ file: 'tls/fullchain.pem', subjectAltNames: ['a'], notAfter: '2026-12-26T12:00:00.000Z' }] },
    },
    {
      name: 'a year left',
      compose: 'services: {}\n',
      facts: { certificates: [{ file: 'tls/fullchain.pem', subjectAltNames: ['a'], notAfter: '2027-11-26T12:00:00.000Z' }] },
    },
    { name: 'no certificate', compose: 'services: {}\n' },
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
      name: 'expires at this very moment',
      compose: 'services: {}\n',
      facts: { certificates: [{ file: 'tls/fullchain.pem', subjectAltNames: ['a'], notAfter: '2026-11-26T12:00:00.000Z' }] },
      errors: [
        { messageId: 'expired', data: { date: '2026-11-26' }, file: 'tls/fullchain.pem', line: 1, column: 1, endLine: 1, endColumn: 1 },
      ],
    },
    {
      name: 'one second short of 30 days',
      compose: 'services: {}\n',
      facts: { certificates: [{ file: 'tls/fullchain.pem', subjectAltNames: ['a'], notAfter: '2026-12-26T11:59:59.000Z' }] },
      errors: [
        {
          messageId: 'expiring',
          data: { date: '2026-12-26', days: 29 },
          file: 'tls/fullchain.pem',
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 1,
        },
      ],
    },
    {
      name: 'expired last year',
      compose: 'services: {}\n',
      facts: { certificates: [{ file: 'tls/fullchain.pem', subjectAltNames: ['a'], notAfter: '2025-11-26T12:00:00.000Z' }] },
      errors: [
        { messageId: 'expired', data: { date: '2025-11-26' }, file: 'tls/fullchain.pem', line: 1, column: 1, endLine: 1, endColumn: 1 },
      ],
    },
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
