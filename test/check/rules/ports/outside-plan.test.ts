import { portsOutsidePlan } from '../../../../src/check/rules/ports/outside-plan.js';
import { testRule } from '../../support/rule-tester.js';

testRule(portsOutsidePlan, {
  valid: [
    {
      name: 'the first and last port of the plan',
      compose:
        'services:\n  a:\n    image: nginx:1.27\n    ports:\n      - "127.0.0.1:20000:80"\n  b:\n    image: nginx:1.27\n    ' +
        'ports:\n      - "127.0.0.1:20099:80"\n',
      project: {
        domain: 'ai.example.com',
        proxyService: 'proxy',
        routes: [{ service: 'webui', host: 'chat.ai.example.com', path: '/', url: 'https://chat.ai.example.com/' }],
        portPlan: [{ from: 20000, to: 20099 }],
      },
    },
    {
      name: 'the proxy’s own 443 is not in the plan',
      compose: 'services:\n  proxy:\n    image: nginx:1.27\n    ports:\n      - "443:443"\n',
      project: {
        domain: 'ai.example.com',
        proxyService: 'proxy',
        routes: [{ service: 'webui', host: 'chat.ai.example.com', path: '/', url: 'https://chat.ai.example.com/' }],
        portPlan: [{ from: 20000, to: 20099 }],
      },
    },
    { name: 'a foreign compose file has no plan', compose: 'services:\n  a:\n    image: nginx:1.27\n    ports:\n      - "1234:80"\n' },
    {
      name: 'inside the plan',
      compose: 'services:\n  db:\n    image: postgres:16\n    ports:\n      - "127.0.0.1:8010:5432"\n',
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
      name: 'one past the end of the plan',
      compose: 'services:\n  a:\n    image: nginx:1.27\n    ports:\n      - "127.0.0.1:20100:80"\n',
      project: {
        domain: 'ai.example.com',
        proxyService: 'proxy',
        routes: [{ service: 'webui', host: 'chat.ai.example.com', path: '/', url: 'https://chat.ai.example.com/' }],
        portPlan: [{ from: 20000, to: 20099 }],
      },
      errors: [
        { messageId: 'outside', data: { port: 20100, service: 'a', plan: '20000-20099' }, line: 5, column: 9, endLine: 5, endColumn: 29 },
      ],
    },
    {
      name: 'one before the start',
      compose: 'services:\n  a:\n    image: nginx:1.27\n    ports:\n      - "127.0.0.1:19999:80"\n',
      project: {
        domain: 'ai.example.com',
        proxyService: 'proxy',
        routes: [{ service: 'webui', host: 'chat.ai.example.com', path: '/', url: 'https://chat.ai.example.com/' }],
        portPlan: [{ from: 20000, to: 20099 }],
      },
      errors: [
        { messageId: 'outside', data: { port: 19999, service: 'a', plan: '20000-20099' }, line: 5, column: 9, endLine: 5, endColumn: 29 },
      ],
    },
    {
      name: 'a range that runs over the end',
      compose: 'services:\n  a:\n    image: nginx:1.27\n    ports:\n      - "127.0.0.1:20090-20100:80-90"\n',
      project: {
        domain: 'ai.example.com',
        proxyService: 'proxy',
        routes: [{ service: 'webui', host: 'chat.ai.example.com', path: '/', url: 'https://chat.ai.example.com/' }],
        portPlan: [{ from: 20000, to: 20099 }],
      },
      errors: [
        { messageId: 'outside', data: { port: 20090, service: 'a', plan: '20000-20099' }, line: 5, column: 9, endLine: 5, endColumn: 38 },
      ],
    },
    {
      name: 'outside the plan',
      compose: 'services:\n  db:\n    image: postgres:16\n    ports:\n      - "127.0.0.1:5432:5432"\n',
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
          messageId: 'outside',
          data: {
            port: 5432,
            service: 'db',
            plan: '8000-8099',
          },
          line: 5,
          column: 9,
          endLine: 5,
          endColumn: 30,
        },
      ],
    },
  ],
});
