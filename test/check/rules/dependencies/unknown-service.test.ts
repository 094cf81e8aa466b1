import { dependenciesUnknownService } from '../../../../src/check/rules/dependencies/unknown-service.js';
import { testRule } from '../../support/rule-tester.js';

testRule(dependenciesUnknownService, {
  valid: [
    {
      name: 'the long syntax naming a service',
      compose:
        'services:\n  app:\n    image: nginx:1.27\n    depends_on:\n      db:\n        condition: service_started\n  db:\n    image: nginx:1.27\n',
    },
    {
      name: 'a service defined after its dependent',
      compose: 'services:\n  a:\n    image: nginx:1.27\n    depends_on: [z]\n  z:\n    image: nginx:1.27\n',
    },
    { name: 'no depends_on at all', compose: 'services:\n  a:\n    image: nginx:1.27\n' },
    {
      name: 'the target exists',
      compose: 'services:\n  db:\n    image: postgres:16\n  app:\n    image: ghcr.io/example/app:1.0\n    depends_on: [db]\n',
    },
  ],
  invalid: [
    {
      name: 'a typo in the short syntax',
      compose: 'services:\n  app:\n    image: nginx:1.27\n    depends_on: [dbb]\n  db:\n    image: nginx:1.27\n',
      errors: [{ messageId: 'unknown', data: { service: 'app', target: 'dbb' }, line: 4, column: 18, endLine: 4, endColumn: 21 }],
    },
    {
      name: 'the long syntax',
      compose: 'services:\n  app:\n    image: nginx:1.27\n    depends_on:\n      cache:\n        condition: service_healthy\n',
      errors: [{ messageId: 'unknown', data: { service: 'app', target: 'cache' }, line: 5, column: 7, endLine: 5, endColumn: 12 }],
    },
    {
      name: 'a container name is not a service name',
      compose:
        'services:\n  app:\n    image: nginx:1.27\n    depends_on: [my-db]\n  db:\n    image: nginx:1.27\n    container_name: my-db\n',
      errors: [{ messageId: 'unknown', data: { service: 'app', target: 'my-db' }, line: 4, column: 18, endLine: 4, endColumn: 23 }],
    },
    {
      name: 'a typo in the target',
      compose:
        'services:\n  db:\n    image: postgres:16\n  app:\n    image: ghcr.io/example/app:1.0\n    depends_on:\n      ' +
        'dbb:\n        condition: service_started\n',
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
