import { tlsKeyMismatch } from '../../../../src/check/rules/tls/key-mismatch.js';
import { testRule } from '../../support/rule-tester.js';

testRule(tlsKeyMismatch, {
  valid: [
    {
      name: 'the key matches',
      compose: 'services: {}\n',
      facts: {
        certificates: [{ file: 'tls/fullchain.pem', subjectAltNames: ['a'], notAfter: '2027-06-01T00:00:00.000Z', keyMatches: true }],
      },
    },
    {
      name: 'no key was found next to it',
      compose: 'services: {}\n',
      facts: { certificates: [{ file: 'tls/fullchain.pem', subjectAltNames: ['a'], notAfter: '2027-06-01T00:00:00.000Z' }] },
    },
    { name: 'no certificate at all', compose: 'services: {}\n' },
    {
      name: 'the key matches',
      compose: 'services:\n  proxy:\n    image: nginx:1.27\n',
      facts: {
        certificates: [
          {
            file: '.aistack/tls/live/fullchain.pem',
            subjectAltNames: ['ai.example.com', '*.ai.example.com'],
            notAfter: '2027-06-01T00:00:00.000Z',
            keyMatches: true,
          },
        ],
      },
    },
  ],
  invalid: [
    {
      name: 'the key does not match',
      compose: 'services: {}\n',
      facts: {
        certificates: [{ file: 'tls/fullchain.pem', subjectAltNames: ['a'], notAfter: '2027-06-01T00:00:00.000Z', keyMatches: false }],
      },
      errors: [{ messageId: 'mismatch', data: {}, file: 'tls/fullchain.pem', line: 1, column: 1, endLine: 1, endColumn: 1 }],
    },
    {
      name: 'an expired certificate with the wrong key',
      compose: 'services: {}\n',
      facts: {
        certificates: [{ file: 'tls/fullchain.pem', subjectAltNames: ['a'], notAfter: '2020-01-01T00:00:00.000Z', keyMatches: false }],
      },
      errors: [{ messageId: 'mismatch', data: {}, file: 'tls/fullchain.pem', line: 1, column: 1, endLine: 1, endColumn: 1 }],
    },
    {
      name: 'two certificates, one wrong',
      compose: 'services: {}\n',
      facts: {
        certificates: [
          { file: 'a.pem', subjectAltNames: [], notAfter: '2027-01-01T00:00:00.000Z', keyMatches: true },
          { file: 'b.pem', subjectAltNames: [], notAfter: '2027-01-01T00:00:00.000Z', keyMatches: false },
        ],
      },
      errors: [{ messageId: 'mismatch', data: {}, file: 'b.pem', line: 1, column: 1, endLine: 1, endColumn: 1 }],
    },
    {
      name: 'the key does not match',
      compose: 'services:\n  proxy:\n    image: nginx:1.27\n',
      facts: {
        certificates: [
          {
            file: '.aistack/tls/live/fullchain.pem',
            subjectAltNames: ['ai.example.com', '*.ai.example.com'],
            notAfter: '2027-06-01T00:00:00.000Z',
            keyMatches: false,
          },
        ],
      },
      errors: [
        {
          messageId: 'mismatch',
          data: {},
          file: '.aistack/tls/live/fullchain.pem',
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 1,
        },
      ],
    },
  ],
});
