import { secretsPlaintextEnvironment } from '../../../../src/check/rules/secrets/plaintext-environment.js';
import { testRule } from '../../support/rule-tester.js';

testRule(secretsPlaintextEnvironment, {
  valid: [
    {
      name: 'a socket proxy’s flags',
      compose: 'services:\n  p:\n    image: nginx:1.27\n    environment:\n      SECRETS: "0"\n      POST: "0"\n',
    },
    {
      name: 'a file reference',
      compose:
        'services:\n  p:\n    image: nginx:1.27\n    environment:\n      DB_PASSWORD_FILE: /run/secrets/db\n      PGRST_DB_URI: "@/run/secrets/uri"\n',
    },
    {
      name: 'names that are not secrets (_NAME, _USER, _LENGTH)',
      compose:
        'services:\n  p:\n    image: nginx:1.27\n    environment:\n      SECRET_NAME: app\n      DB_USER: app\n      TOKEN_LENGTH: "32"\n',
    },
    {
      name: 'a bare $VAR reference',
      compose: 'services:\n  p:\n    image: nginx:1.27\n    environment:\n      - API_KEY=$API_KEY\n',
      env: 'API_KEY=x\n',
    },
    {
      name: 'from .env and from a secret file',
      compose:
        'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD}\n      ' +
        'POSTGRES_PASSWORD_FILE: /run/secrets/db\n',
      env: 'POSTGRES_PASSWORD=x\n',
    },
    {
      name: "a JSON setting of model names (Open WebUI's OPENAI_API_CONFIGS) is read string by string",
      compose:
        'services:\n  p:\n    image: nginx:1.27\n    environment:\n      OPENAI_API_CONFIGS: ' +
        '\'{"0":{"enable":true,"model_ids":["llama-small","qwen2.5-coder:7b","gpt-4o-mini"]}}\'\n',
    },
  ],
  invalid: [
    {
      name: 'a literal password in the list syntax',
      compose: 'services:\n  p:\n    image: nginx:1.27\n    environment:\n      - DB_PASSWORD=hunter2\n',
      errors: [{ messageId: 'byName', data: { service: 'p', name: 'DB_PASSWORD' }, line: 5, column: 9, endLine: 5, endColumn: 28 }],
    },
    {
      name: 'a random-looking value under a harmless name',
      compose: 'services:\n  p:\n    image: nginx:1.27\n    environment:\n      SESSION: Zx8fQ2mL9pR4tV7wK1yB3nC6\n',
      errors: [{ messageId: 'byEntropy', data: { service: 'p', name: 'SESSION' }, line: 5, column: 16, endLine: 5, endColumn: 40 }],
    },
    {
      name: 'a random-looking string inside a JSON value',
      compose: 'services:\n  p:\n    image: nginx:1.27\n    environment:\n      CONFIG: \'{"session":"Zx8fQ2mL9pR4tV7wK1yB3nC6"}\'\n',
      errors: [{ messageId: 'byEntropy', data: { service: 'p', name: 'CONFIG' }, line: 5, column: 15, endLine: 5, endColumn: 55 }],
    },
    {
      name: 'an API key',
      compose: 'services:\n  p:\n    image: nginx:1.27\n    environment:\n      OPENAI_API_KEY: sk-live-abc\n',
      errors: [{ messageId: 'byName', data: { service: 'p', name: 'OPENAI_API_KEY' }, line: 5, column: 23, endLine: 5, endColumn: 34 }],
    },
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
