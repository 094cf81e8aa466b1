import { portsOutsidePlan } from '../../../../src/check/rules/ports/outside-plan.js';
import { testRule } from '../../support/rule-tester.js';

testRule(portsOutsidePlan, {
  valid: [
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
