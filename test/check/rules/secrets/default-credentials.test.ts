import { secretsDefaultCredentials } from '../../../../src/check/rules/secrets/default-credentials.js';
import { testRule } from '../../support/rule-tester.js';

testRule(secretsDefaultCredentials, {
  valid: [
    {
      name: 'a strong value in .env',
      compose: 'services:\n  app:\n    image: example/app:1.2.0\n    environment:\n      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD}\n',
      env: 'POSTGRES_PASSWORD=Zq4v9mT2xK7pL1sR8wN3\n',
    },
    {
      name: 'an empty default is not a credential',
      compose: 'services:\n  app:\n    image: example/app:1.2.0\n    environment:\n      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD:-}\n',
    },
    {
      name: 'a weak value under a name that is not a secret',
      compose: 'services:\n  app:\n    image: example/app:1.2.0\n    environment:\n      DB_USER: postgres\n      LOG_LEVEL: debug\n',
    },
    {
      name: 'a weak .env value nothing uses',
      compose: 'services:\n  app:\n    image: example/app:1.2.0\n    environment:\n      A: b\n',
      env: 'OLD_PASSWORD=abc\n',
    },
    {
      name: 'a generated password',
      compose: 'services:\n  mq:\n    image: rabbitmq:3.13\n    environment:\n      RABBITMQ_DEFAULT_PASS: ${RABBITMQ_PASSWORD}\n',
      env: 'RABBITMQ_PASSWORD=u8Qm2vXr9LpT4wZk\n',
    },
  ],
  invalid: [
    {
      name: 'a weak default, latent while the variable is set',
      compose: 'services:\n  app:\n    image: example/app:1.2.0\n    environment:\n      JWT_SECRET: ${JWT_SECRET:-secret123}\n',
      env: 'JWT_SECRET=Zq4v9mT2xK7pL1sR8wN3aB\n',
      errors: [
        {
          messageId: 'weakDefault',
          data: { name: 'JWT_SECRET', kind: 'well-known', variable: 'JWT_SECRET' },
          line: 5,
          column: 19,
          endLine: 5,
          endColumn: 43,
        },
      ],
    },
    {
      name: 'a known default in effect because the variable is unset',
      compose:
        'services:\n  app:\n    image: example/app:1.2.0\n    environment:\n      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD:-postgres}\n',
      errors: [{ messageId: 'known', data: { service: 'app', name: 'POSTGRES_PASSWORD' }, line: 5, column: 26, endLine: 5, endColumn: 56 }],
    },
    {
      name: 'a short value in .env',
      compose: 'services:\n  app:\n    image: example/app:1.2.0\n    environment:\n      API_TOKEN: ${API_TOKEN}\n',
      env: 'API_TOKEN=abc123\n',
      errors: [
        {
          messageId: 'weakEnv',
          data: { file: '.env', name: 'API_TOKEN', kind: 'weak', note: '' },
          file: '.env',
          line: 1,
          column: 11,
          endLine: 1,
          endColumn: 17,
        },
      ],
    },
    {
      name: 'a placeholder in .env.example, in effect because .env is missing',
      compose: 'services:\n  app:\n    image: example/app:1.2.0\n    environment:\n      SECRET_KEY: ${SECRET_KEY}\n',
      files: { '.env.example': 'SECRET_KEY=change-me-please-now\n' },
      errors: [{ messageId: 'known', data: { service: 'app', name: 'SECRET_KEY' }, line: 5, column: 19, endLine: 5, endColumn: 32 }],
    },
    {
      name: 'Dify’s shipped default',
      compose: 'services:\n  app:\n    image: example/app:1.2.0\n    environment:\n      INIT_PASSWORD: difyai123456\n',
      errors: [{ messageId: 'known', data: { service: 'app', name: 'INIT_PASSWORD' }, line: 5, column: 22, endLine: 5, endColumn: 34 }],
    },
    {
      name: 'guest and sk-1234',
      compose:
        'services:\n  mq:\n    image: rabbitmq:3.13\n    environment:\n      RABBITMQ_DEFAULT_PASS: guest\n  litellm:\n    ' +
        'image: ghcr.io/berriai/litellm:v1.55.0\n    environment:\n      LITELLM_MASTER_KEY: ${LITELLM_KEY}\n',
      env: 'LITELLM_KEY=sk-1234\n',
      errors: [
        {
          messageId: 'known',
          data: {
            service: 'mq',
            name: 'RABBITMQ_DEFAULT_PASS',
          },
          line: 5,
          column: 30,
          endLine: 5,
          endColumn: 35,
        },
        {
          messageId: 'known',
          data: {
            service: 'litellm',
            name: 'LITELLM_MASTER_KEY',
          },
          line: 9,
          column: 27,
          endLine: 9,
          endColumn: 41,
        },
      ],
    },
  ],
});
