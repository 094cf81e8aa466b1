import { dependenciesDependedOnWithoutHealthcheck } from '../../../../src/check/rules/dependencies/depended-on-without-healthcheck.js';
import { testRule } from '../../support/rule-tester.js';

testRule(dependenciesDependedOnWithoutHealthcheck, {
  valid: [
    {
      name: 'a built dependency whose Dockerfile has a HEALTHCHECK',
      compose: 'services:\n  app:\n    image: example/app:1.0\n    depends_on: [api]\n  api:\n    build: ./api\n',
      facts: { dockerfiles: [{ service: 'api', text: 'FROM x:1\nHEALTHCHECK CMD true\n' }] },
    },
    {
      name: 'a one-shot job others wait on to complete',
      compose:
        'services:\n  app:\n    image: nginx:1.27\n    depends_on:\n      migrate:\n        condition: ' +
        'service_completed_successfully\n  migrate:\n    image: nginx:1.27\n    restart: "no"\n',
    },
    { name: 'nobody depends on it', compose: 'services:\n  lonely:\n    image: nginx:1.27\n' },
    {
      name: 'the dependency has a CMD-SHELL healthcheck',
      compose:
        'services:\n  app:\n    image: nginx:1.27\n    depends_on: [db]\n  db:\n    image: nginx:1.27\n    healthcheck:\n      test: pg_isready\n',
    },
    {
      name: 'the dependency has a healthcheck',
      compose:
        'services:\n  db:\n    image: postgres:16\n    healthcheck:\n      test: ["CMD", "pg_isready"]\n  app:\n    image: ' +
        'ghcr.io/example/app:1.0\n    depends_on: [db]\n',
    },
  ],
  invalid: [
    {
      name: 'a one-shot job waited for as service_started',
      compose:
        'services:\n  app:\n    image: example/app:1.0\n    depends_on: [migrate]\n  migrate:\n    image: example/migrate:1.0\n    restart: "no"\n',
      errors: [{ messageId: 'job', data: { dependents: 'app', service: 'migrate' }, line: 5, column: 3, endLine: 5, endColumn: 10 }],
    },
    {
      name: 'a healthcheck that is disabled',
      compose:
        'services:\n  app:\n    image: nginx:1.27\n    depends_on: [db]\n  db:\n    image: nginx:1.27\n    healthcheck:\n      disable: true\n',
      errors: [{ messageId: 'noHealthcheck', data: { dependents: 'app', service: 'db' }, line: 5, column: 3, endLine: 5, endColumn: 5 }],
    },
    {
      name: 'test NONE turns the image’s check off',
      compose:
        'services:\n  app:\n    image: nginx:1.27\n    depends_on: [db]\n  db:\n    image: nginx:1.27\n    healthcheck:\n      test: ["NONE"]\n',
      errors: [{ messageId: 'noHealthcheck', data: { dependents: 'app', service: 'db' }, line: 5, column: 3, endLine: 5, endColumn: 5 }],
    },
    {
      name: 'several dependents are named together',
      compose:
        'services:\n  a:\n    image: nginx:1.27\n    depends_on: [db]\n  b:\n    image: nginx:1.27\n    depends_on:\n      ' +
        'db:\n        condition: service_started\n  db:\n    image: nginx:1.27\n',
      errors: [{ messageId: 'noHealthcheck', data: { dependents: 'a, b', service: 'db' }, line: 10, column: 3, endLine: 10, endColumn: 5 }],
    },
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
