import { secretsIgnoredFileVariable } from '../../../../src/check/rules/secrets/ignored-file-variable.js';
import { testRule } from '../../support/rule-tester.js';

testRule(secretsIgnoredFileVariable, {
  valid: [
    {
      name: 'every _FILE variable postgres reads',
      compose:
        'services:\n  app:\n    image: postgres:16.4\n    environment:\n      POSTGRES_PASSWORD_FILE: /run/secrets/x\n      ' +
        'POSTGRES_USER_FILE: /run/secrets/x\n      POSTGRES_DB_FILE: /run/secrets/x\n',
      reads: {
        postgres: ['POSTGRES_PASSWORD_FILE', 'POSTGRES_USER_FILE', 'POSTGRES_DB_FILE', 'POSTGRES_INITDB_ARGS_FILE'],
        'qdrant/qdrant': [],
        'n8nio/n8n': 'every-setting',
      },
      repositories: { postgres: 'postgres', qdrant: 'qdrant/qdrant', n8n: 'n8nio/n8n' },
    },
    {
      name: 'n8n reads X_FILE for every setting',
      compose:
        'services:\n  app:\n    image: docker.n8n.io/n8nio/n8n:2.40.1\n    environment:\n      DB_POSTGRESDB_PASSWORD_FILE: ' +
        '/run/secrets/x\n      N8N_ENCRYPTION_KEY_FILE: /run/secrets/x\n',
      reads: {
        postgres: ['POSTGRES_PASSWORD_FILE', 'POSTGRES_USER_FILE', 'POSTGRES_DB_FILE', 'POSTGRES_INITDB_ARGS_FILE'],
        'qdrant/qdrant': [],
        'n8nio/n8n': 'every-setting',
      },
      repositories: { postgres: 'postgres', qdrant: 'qdrant/qdrant', n8n: 'n8nio/n8n' },
    },
    {
      name: 'an image the catalog does not know',
      compose: 'services:\n  app:\n    image: mysql:8.4\n    environment:\n      MYSQL_ROOT_PASSWORD_FILE: /run/secrets/x\n',
      reads: {
        postgres: ['POSTGRES_PASSWORD_FILE', 'POSTGRES_USER_FILE', 'POSTGRES_DB_FILE', 'POSTGRES_INITDB_ARGS_FILE'],
        'qdrant/qdrant': [],
        'n8nio/n8n': 'every-setting',
      },
      repositories: { postgres: 'postgres', qdrant: 'qdrant/qdrant', n8n: 'n8nio/n8n' },
    },
    {
      name: 'postgres through a mirror, a name it reads',
      compose:
        'services:\n  app:\n    image: registry.internal:5000/mirror/postgres:16.4\n    environment:\n      POSTGRES_PASSWORD_FILE: /run/secrets/x\n',
      reads: {
        postgres: ['POSTGRES_PASSWORD_FILE', 'POSTGRES_USER_FILE', 'POSTGRES_DB_FILE', 'POSTGRES_INITDB_ARGS_FILE'],
        'qdrant/qdrant': [],
        'n8nio/n8n': 'every-setting',
      },
      repositories: { postgres: 'postgres', qdrant: 'qdrant/qdrant', n8n: 'n8nio/n8n' },
    },
    {
      name: 'a variable the image reads',
      compose: 'services:\n  qdrant:\n    image: qdrant/qdrant:v1.12.0\n    environment:\n      QDRANT__SERVICE__API_KEY: ${QDRANT_KEY}\n',
      env: 'QDRANT_KEY=x\n',
      catalog: {
        'qdrant/qdrant': ['QDRANT__SERVICE__API_KEY_FILE'],
      },
    },
  ],
  invalid: [
    {
      name: 'a misspelt name postgres does not read',
      compose: 'services:\n  app:\n    image: postgres:16.4\n    environment:\n      POSTGRES_PASWORD_FILE: /run/secrets/x\n',
      reads: {
        postgres: ['POSTGRES_PASSWORD_FILE', 'POSTGRES_USER_FILE', 'POSTGRES_DB_FILE', 'POSTGRES_INITDB_ARGS_FILE'],
        'qdrant/qdrant': [],
        'n8nio/n8n': 'every-setting',
      },
      repositories: { postgres: 'postgres', qdrant: 'qdrant/qdrant', n8n: 'n8nio/n8n' },
      errors: [
        {
          messageId: 'notRead',
          data: {
            image: 'postgres',
            name: 'POSTGRES_PASWORD_FILE',
            reads: 'only POSTGRES_PASSWORD_FILE, POSTGRES_USER_FILE, POSTGRES_DB_FILE, POSTGRES_INITDB_ARGS_FILE',
          },
          line: 5,
          column: 30,
          endLine: 5,
          endColumn: 44,
        },
      ],
    },
    {
      name: 'an image that reads no _FILE at all',
      compose:
        'services:\n  app:\n    image: qdrant/qdrant:v1.19.0\n    environment:\n      QDRANT__SERVICE__API_KEY_FILE: /run/secrets/x\n',
      reads: {
        postgres: ['POSTGRES_PASSWORD_FILE', 'POSTGRES_USER_FILE', 'POSTGRES_DB_FILE', 'POSTGRES_INITDB_ARGS_FILE'],
        'qdrant/qdrant': [],
        'n8nio/n8n': 'every-setting',
      },
      repositories: { postgres: 'postgres', qdrant: 'qdrant/qdrant', n8n: 'n8nio/n8n' },
      catalog: {},
      errors: [
        {
          messageId: 'notRead',
          data: { image: 'qdrant/qdrant', name: 'QDRANT__SERVICE__API_KEY_FILE', reads: 'no *_FILE variable at all' },
          line: 5,
          column: 38,
          endLine: 5,
          endColumn: 52,
        },
      ],
    },
    {
      name: "aistack's postgres by its label, whatever the image",
      compose:
        'services:\n  app:\n    image: local/pg:1\n    environment:\n      PGPASSWORD_FILE: /run/secrets/x\n    labels:\n   ' +
        '   ai.aistack.stack: ai\n      ai.aistack.catalog: postgres\n',
      reads: {
        postgres: ['POSTGRES_PASSWORD_FILE', 'POSTGRES_USER_FILE', 'POSTGRES_DB_FILE', 'POSTGRES_INITDB_ARGS_FILE'],
        'qdrant/qdrant': [],
        'n8nio/n8n': 'every-setting',
      },
      repositories: { postgres: 'postgres', qdrant: 'qdrant/qdrant', n8n: 'n8nio/n8n' },
      catalog: { postgres: ['PGPASSWORD_FILE'] },
      errors: [
        { messageId: 'ignored', data: { image: 'postgres', name: 'PGPASSWORD_FILE' }, line: 5, column: 24, endLine: 5, endColumn: 38 },
      ],
    },
    {
      name: 'PGPASSWORD_FILE is a libpq variable the entrypoint ignores',
      compose: 'services:\n  app:\n    image: postgres:16.4-alpine\n    environment:\n      PGPASSWORD_FILE: /run/secrets/x\n',
      reads: {
        postgres: ['POSTGRES_PASSWORD_FILE', 'POSTGRES_USER_FILE', 'POSTGRES_DB_FILE', 'POSTGRES_INITDB_ARGS_FILE'],
        'qdrant/qdrant': [],
        'n8nio/n8n': 'every-setting',
      },
      repositories: { postgres: 'postgres', qdrant: 'qdrant/qdrant', n8n: 'n8nio/n8n' },
      errors: [
        {
          messageId: 'notRead',
          data: {
            image: 'postgres',
            name: 'PGPASSWORD_FILE',
            reads: 'only POSTGRES_PASSWORD_FILE, POSTGRES_USER_FILE, POSTGRES_DB_FILE, POSTGRES_INITDB_ARGS_FILE',
          },
          line: 5,
          column: 24,
          endLine: 5,
          endColumn: 38,
        },
      ],
    },
    {
      name: 'a _FILE variable the image ignores',
      compose:
        'services:\n  qdrant:\n    image: qdrant/qdrant:v1.12.0\n    environment:\n      QDRANT__SERVICE__API_KEY_FILE: /run/secrets/qdrant\n',
      catalog: {
        'qdrant/qdrant': ['QDRANT__SERVICE__API_KEY_FILE'],
      },
      errors: [
        {
          messageId: 'ignored',
          data: {
            image: 'qdrant/qdrant',
            name: 'QDRANT__SERVICE__API_KEY_FILE',
          },
          line: 5,
          column: 38,
          endLine: 5,
          endColumn: 57,
        },
      ],
    },
  ],
});
