import { dependenciesDependedOnWithoutHealthcheck } from '../../../../src/check/rules/dependencies/depended-on-without-healthcheck.js';
import { testRule } from '../../support/rule-tester.js';

testRule(dependenciesDependedOnWithoutHealthcheck, {
  valid: [
    {
      name: 'the dependency has a healthcheck',
      compose:
        'services:\n  db:\n    image: postgres:16\n    healthcheck:\n      test: ["CMD", "pg_isready"]\n  app:\n    image: ghcr.io/example/app:1.0\n    depends_on: [db]\n',
    },
  ],
  invalid: [
    {
      name: 'the dependency has none',
      compose: 'services:\n  db:\n    image: postgres:16\n  app:\n    image: ghcr.io/example/app:1.0\n    depends_on: [db]\n',
      errors: [
        {
          messageId: 'noHealthcheck',
          data: {
            dependents: 'app',
            service: 'db',
          },
          line: 2,
          column: 3,
          endLine: 2,
          endColumn: 5,
        },
      ],
    },
  ],
});
