import { secretsDefaultCredentials } from '../../../../src/check/rules/secrets/default-credentials.js';
import { testRule } from '../../support/rule-tester.js';

testRule(secretsDefaultCredentials, {
  valid: [
    {
      name: 'a generated password',
      compose: 'services:\n  mq:\n    image: rabbitmq:3.13\n    environment:\n      RABBITMQ_DEFAULT_PASS: ${RABBITMQ_PASSWORD}\n',
      env: 'RABBITMQ_PASSWORD=u8Qm2vXr9LpT4wZk\n',
    },
  ],
  invalid: [
    {
      name: 'guest and sk-1234',
      compose:
        'services:\n  mq:\n    image: rabbitmq:3.13\n    environment:\n      RABBITMQ_DEFAULT_PASS: guest\n  litellm:\n    image: ghcr.io/berriai/litellm:v1.55.0\n    environment:\n      LITELLM_MASTER_KEY: ${LITELLM_KEY}\n',
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
