import { tlsMissingSan } from '../../../../src/check/rules/tls/missing-san.js';
import { testRule } from '../../support/rule-tester.js';

testRule(tlsMissingSan, {
  valid: [
    {
      name: 'exact names for the domain and the route',
      compose: 'services: {}\n',
      facts: {
        certificates: [
          { file: 'tls/fullchain.pem', subjectAltNames: ['ai.example.com', 'chat.ai.example.com'], notAfter: '2027-06-01T00:00:00.000Z' },
        ],
      },
      project: {
        domain: 'ai.example.com',
        proxyService: 'proxy',
        routes: [{ service: 'webui', host: 'chat.ai.example.com', path: '/', url: 'https://chat.ai.example.com/' }],
        portPlan: [{ from: 20000, to: 20099 }],
      },
    },
    {
      name: 'upper-case names match',
      compose: 'services: {}\n',
      facts: {
        certificates: [
          { file: 'tls/fullchain.pem', subjectAltNames: ['AI.EXAMPLE.COM', '*.AI.example.com'], notAfter: '2027-06-01T00:00:00.000Z' },
        ],
      },
      project: {
        domain: 'ai.example.com',
        proxyService: 'proxy',
        routes: [{ service: 'webui', host: 'chat.ai.example.com', path: '/', url: 'https://chat.ai.example.com/' }],
        portPlan: [{ from: 20000, to: 20099 }],
      },
    },
    {
      name: 'a foreign project has no hosts to cover',
      compose: 'services: {}\n',
      facts: {
        certificates: [{ file: 'tls/fullchain.pem', subjectAltNames: ['other.example.org'], notAfter: '2027-06-01T00:00:00.000Z' }],
      },
    },
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
      name: 'a wildcard does not cover the bare domain',
      compose: 'services: {}\n',
      facts: { certificates: [{ file: 'tls/fullchain.pem', subjectAltNames: ['*.ai.example.com'], notAfter: '2027-06-01T00:00:00.000Z' }] },
      project: {
        domain: 'ai.example.com',
        proxyService: 'proxy',
        routes: [{ service: 'webui', host: 'chat.ai.example.com', path: '/', url: 'https://chat.ai.example.com/' }],
        portPlan: [{ from: 20000, to: 20099 }],
      },
      errors: [
        {
          messageId: 'missing',
          data: { host: 'ai.example.com', names: '*.ai.example.com' },
          file: 'tls/fullchain.pem',
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 1,
        },
      ],
    },
    {
      name: 'a wildcard covers one label only',
      compose: 'services: {}\n',
      facts: {
        certificates: [
          { file: 'tls/fullchain.pem', subjectAltNames: ['ai.example.com', '*.example.com'], notAfter: '2027-06-01T00:00:00.000Z' },
        ],
      },
      project: {
        domain: 'ai.example.com',
        proxyService: 'proxy',
        routes: [{ service: 'webui', host: 'chat.ai.example.com', path: '/', url: 'https://chat.ai.example.com/' }],
        portPlan: [{ from: 20000, to: 20099 }],
      },
      errors: [
        {
          messageId: 'missing',
          data: { host: 'chat.ai.example.com', names: 'ai.example.com, *.example.com' },
          file: 'tls/fullchain.pem',
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 1,
        },
      ],
    },
    {
      name: 'a certificate without names',
      compose: 'services: {}\n',
      facts: { certificates: [{ file: 'tls/fullchain.pem', subjectAltNames: [], notAfter: '2027-06-01T00:00:00.000Z' }] },
      project: {
        domain: 'ai.example.com',
        proxyService: 'proxy',
        routes: [{ service: 'webui', host: 'chat.ai.example.com', path: '/', url: 'https://chat.ai.example.com/' }],
        portPlan: [{ from: 20000, to: 20099 }],
      },
      errors: [
        {
          messageId: 'missing',
          data: { host: 'ai.example.com', names: 'nothing' },
          file: 'tls/fullchain.pem',
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 1,
        },
        {
          messageId: 'missing',
          data: { host: 'chat.ai.example.com', names: 'nothing' },
          file: 'tls/fullchain.pem',
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 1,
        },
      ],
    },
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
