import { secretsUrlCredentials } from '../../../../src/check/rules/secrets/url-credentials.js';
import { testRule } from '../../support/rule-tester.js';

testRule(secretsUrlCredentials, {
  valid: [
    {
      name: 'the password from a variable',
      compose:
        'services:\n  app:\n    image: example/app:1.2.0\n    environment:\n      DATABASE_URL: postgres://app:${DB_PASSWORD}@db/app\n',
      env: 'DB_PASSWORD=Zq4v9mT2xK7pL1sR8wN3\n',
    },
    {
      name: 'a user without a password',
      compose: 'services:\n  app:\n    image: example/app:1.2.0\n    environment:\n      DATABASE_URL: postgres://app@db/app\n',
    },
    {
      name: 'a port is not a password',
      compose: 'services:\n  app:\n    image: example/app:1.2.0\n    environment:\n      URL: http://db:5432/app\n',
    },
    {
      name: 'a masked example value',
      compose: 'services:\n  app:\n    image: example/app:1.2.0\n    environment:\n      URL: https://user:****@example.org/\n',
    },
    {
      name: 'a bare $VAR password in the list syntax',
      compose:
        'services:\n  app:\n    image: example/app:1.2.0\n    environment:\n      - REDIS_URL=redis://:$REDIS_PASSWORD@redis:6379/0\n',
      env: 'REDIS_PASSWORD=x\n',
    },
  ],
  invalid: [
    {
      name: 'guest:guest in an AMQP URL',
      compose: 'services:\n  app:\n    image: example/app:1.2.0\n    environment:\n      BROKER_URL: amqp://guest:guest@rabbitmq:5672/\n',
      errors: [
        {
          messageId: 'literal',
          data: { service: 'app', scheme: 'amqp', user: 'guest', known: ', and a well-known default at that' },
          line: 5,
          column: 19,
          endLine: 5,
          endColumn: 52,
        },
      ],
    },
    {
      name: 'the list syntax',
      compose:
        'services:\n  app:\n    image: example/app:1.2.0\n    environment:\n      - DATABASE_URL=postgresql://app:hunter2@db:5432/app\n',
      errors: [
        {
          messageId: 'literal',
          data: { service: 'app', scheme: 'postgresql', user: 'app', known: '' },
          line: 5,
          column: 9,
          endLine: 5,
          endColumn: 58,
        },
      ],
    },
    {
      name: 'an empty user (redis://:password@)',
      compose: 'services:\n  app:\n    image: example/app:1.2.0\n    environment:\n      REDIS_URL: redis://:s3cret@redis:6379/0\n',
      errors: [
        {
          messageId: 'literal',
          data: { service: 'app', scheme: 'redis', user: '', known: '' },
          line: 5,
          column: 18,
          endLine: 5,
          endColumn: 46,
        },
      ],
    },
    {
      name: 'inside a command',
      compose: 'services:\n  app:\n    image: example/app:1.2.0\n    command: ["migrate", "--db", "mysql://root:root@db/app"]\n',
      errors: [
        {
          messageId: 'literal',
          data: { service: 'app', scheme: 'mysql', user: 'root', known: ', and a well-known default at that' },
          line: 4,
          column: 34,
          endLine: 4,
          endColumn: 60,
        },
      ],
    },
  ],
});
