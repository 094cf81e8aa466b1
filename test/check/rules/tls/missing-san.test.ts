import { tlsMissingSan } from '../../../../src/check/rules/tls/missing-san.js';
import { testRule } from '../../support/rule-tester.js';

testRule(tlsMissingSan, {
  valid: [
    {
      name: 'a wildcard covers the route',
      compose: 'services:\n  proxy:\n    image: nginx:1.27\n',
      facts: {
        certificates: [
          {
            file: '.aistack/tls/live/fullchain.pem',
            subjectAltNames: ['ai.example.com', '*.ai.example.com'],
            notAfter: '2027-06-01T00:00:00.000Z',
          },
        ],
      },
      project: {
        domain: 'ai.example.com',
        proxyService: 'proxy',
        routes: [
          {
            service: 'webui',
            host: 'chat.ai.example.com',
            path: '/',
            url: 'https://chat.ai.example.com/',
          },
        ],
        portPlan: [
          {
            from: 8000,
            to: 8099,
          },
        ],
      },
    },
  ],
  invalid: [
    {
      name: 'the certificate names only the apex',
      compose: 'services:\n  proxy:\n    image: nginx:1.27\n',
      facts: {
        certificates: [
          {
            file: '.aistack/tls/live/fullchain.pem',
            subjectAltNames: ['ai.example.com'],
            notAfter: '2027-06-01T00:00:00.000Z',
          },
        ],
      },
      project: {
        domain: 'ai.example.com',
        proxyService: 'proxy',
        routes: [
          {
            service: 'webui',
            host: 'chat.ai.example.com',
            path: '/',
            url: 'https://chat.ai.example.com/',
          },
        ],
        portPlan: [
          {
            from: 8000,
            to: 8099,
          },
        ],
      },
      errors: [
        {
          messageId: 'missing',
          data: {
            host: 'chat.ai.example.com',
            names: 'ai.example.com',
          },
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
