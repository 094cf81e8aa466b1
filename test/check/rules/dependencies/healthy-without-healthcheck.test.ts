import { dependenciesHealthyWithoutHealthcheck } from '../../../../src/check/rules/dependencies/healthy-without-healthcheck.js';
import { testRule } from '../../support/rule-tester.js';

testRule(dependenciesHealthyWithoutHealthcheck, {
  valid: [
    {
      name: 'the target has a healthcheck',
      compose:
        'services:\n  db:\n    image: postgres:16\n    healthcheck:\n      test: ["CMD", "pg_isready"]\n  app:\n    image: ghcr.io/example/app:1.0\n    depends_on:\n      db:\n        condition: service_healthy\n',
    },
  ],
  invalid: [
    {
      name: 'the target has none',
      compose:
        'services:\n  db:\n    image: postgres:16\n  app:\n    image: ghcr.io/example/app:1.0\n    depends_on:\n      db:\n        condition: service_healthy\n',
      errors: [
        {
          messageId: 'noHealthcheck',
          data: {
            service: 'app',
            target: 'db',
          },
          line: 7,
          column: 7,
          endLine: 7,
          endColumn: 9,
        },
      ],
    },
  ],
});
