import { dependenciesHealthyWithoutHealthcheck } from '../../../../src/check/rules/dependencies/healthy-without-healthcheck.js';
import { testRule } from '../../support/rule-tester.js';

testRule(dependenciesHealthyWithoutHealthcheck, {
  valid: [
    {
      name: 'service_started needs no healthcheck',
      compose:
        'services:\n  app:\n    image: nginx:1.27\n    depends_on:\n      db:\n        condition: service_started\n  db:\n    image: nginx:1.27\n',
    },
    {
      name: 'service_completed_successfully needs no healthcheck',
      compose:
        'services:\n  app:\n    image: nginx:1.27\n    depends_on:\n      init:\n        condition: ' +
        'service_completed_successfully\n  init:\n    image: nginx:1.27\n',
    },
    {
      name: 'an unknown target is another rule’s business',
      compose: 'services:\n  app:\n    image: nginx:1.27\n    depends_on:\n      ghost:\n        condition: service_healthy\n',
    },
    {
      name: 'the target has a healthcheck',
      compose:
        'services:\n  db:\n    image: postgres:16\n    healthcheck:\n      test: ["CMD", "pg_isready"]\n  app:\n    image: ' +
        'ghcr.io/example/app:1.0\n    depends_on:\n      db:\n        condition: service_healthy\n',
    },
  ],
  invalid: [
    {
      name: 'a disabled healthcheck never becomes healthy',
      compose:
        'services:\n  app:\n    image: nginx:1.27\n    depends_on:\n      db:\n        condition: service_healthy\n  db:\n  ' +
        '  image: nginx:1.27\n    healthcheck:\n      disable: true\n',
      errors: [{ messageId: 'noHealthcheck', data: { service: 'app', target: 'db' }, line: 5, column: 7, endLine: 5, endColumn: 9 }],
    },
    {
      name: 'test NONE never becomes healthy',
      compose:
        'services:\n  app:\n    image: nginx:1.27\n    depends_on:\n      db:\n        condition: service_healthy\n  db:\n  ' +
        '  image: nginx:1.27\n    healthcheck:\n      test: [NONE]\n',
      errors: [{ messageId: 'noHealthcheck', data: { service: 'app', target: 'db' }, line: 5, column: 7, endLine: 5, endColumn: 9 }],
    },
    {
      name: 'two services wait on the same target',
      compose:
        'services:\n  a:\n    image: nginx:1.27\n    depends_on:\n      db:\n        condition: service_healthy\n  b:\n    ' +
        'image: nginx:1.27\n    depends_on:\n      db:\n        condition: service_healthy\n  db:\n    image: nginx:1.27\n',
      errors: [
        { messageId: 'noHealthcheck', data: { service: 'a', target: 'db' }, line: 5, column: 7, endLine: 5, endColumn: 9 },
        { messageId: 'noHealthcheck', data: { service: 'b', target: 'db' }, line: 10, column: 7, endLine: 10, endColumn: 9 },
      ],
    },
    {
      name: 'the target has none',
      compose:
        'services:\n  db:\n    image: postgres:16\n  app:\n    image: ghcr.io/example/app:1.0\n    depends_on:\n      db:\n ' +
        '       condition: service_healthy\n',
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
