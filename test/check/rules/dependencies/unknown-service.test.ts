import { dependenciesUnknownService } from '../../../../src/check/rules/dependencies/unknown-service.js';
import { testRule } from '../../support/rule-tester.js';

testRule(dependenciesUnknownService, {
  valid: [
    {
      name: 'the target exists',
      compose: 'services:\n  db:\n    image: postgres:16\n  app:\n    image: ghcr.io/example/app:1.0\n    depends_on: [db]\n',
    },
  ],
  invalid: [
    {
      name: 'a typo in the target',
      compose:
        'services:\n  db:\n    image: postgres:16\n  app:\n    image: ghcr.io/example/app:1.0\n    depends_on:\n      dbb:\n        condition: service_started\n',
      errors: [
        {
          messageId: 'unknown',
          data: {
            service: 'app',
            target: 'dbb',
          },
          line: 7,
          column: 7,
          endLine: 7,
          endColumn: 10,
        },
      ],
    },
  ],
});
