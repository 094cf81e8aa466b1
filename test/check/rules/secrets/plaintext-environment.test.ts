import { secretsPlaintextEnvironment } from '../../../../src/check/rules/secrets/plaintext-environment.js';
import { testRule } from '../../support/rule-tester.js';

testRule(secretsPlaintextEnvironment, {
  valid: [
    {
      name: 'from .env and from a secret file',
      compose:
        'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD}\n      POSTGRES_PASSWORD_FILE: /run/secrets/db\n',
      env: 'POSTGRES_PASSWORD=x\n',
    },
  ],
  invalid: [
    {
      name: 'a password by name and a token by entropy',
      compose:
        'services:\n  app:\n    image: ghcr.io/example/app:1.0\n    environment:\n      - DB_PASSWORD=hunter2\n      - SESSION=Zk3JxQ9vLm2Pq8RtYw5NbC7d\n',
      errors: [
        {
          messageId: 'byName',
          data: {
            service: 'app',
            name: 'DB_PASSWORD',
          },
          line: 5,
          column: 9,
          endLine: 5,
          endColumn: 28,
        },
        {
          messageId: 'byEntropy',
          data: {
            service: 'app',
            name: 'SESSION',
          },
          line: 6,
          column: 9,
          endLine: 6,
          endColumn: 41,
        },
      ],
    },
  ],
});
