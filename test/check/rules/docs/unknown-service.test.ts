import { docsUnknownService } from '../../../../src/check/rules/docs/unknown-service.js';
import { testRule } from '../../support/rule-tester.js';

testRule(docsUnknownService, {
  valid: [
    {
      name: 'docker compose exec with flags before the service',
      compose: 'services:\n  db:\n    image: nginx:1.27\n',
      docs: '```sh\ndocker compose exec -T db psql\n```\n',
    },
    { name: 'docker-compose (v1) logs -f', compose: 'services:\n  web:\n    image: nginx:1.27\n', docs: '`docker-compose logs -f web`\n' },
    {
      name: 'a Service column that names services',
      compose: 'services:\n  web:\n    image: nginx:1.27\n',
      docs: '| Service | Port |\n|---|---|\n| `web` | 80 |\n',
    },
    {
      name: 'the table matches',
      compose: 'services:\n  db:\n    image: postgres:16\n',
      docs: '| Service | Purpose |\n|---|---|\n| db | data |\n\n```sh\ndocker compose logs db\n```\n',
    },
  ],
  invalid: [
    {
      name: 'a restart of a service that is gone',
      compose: 'services:\n  web:\n    image: nginx:1.27\n',
      docs: 'Run `docker compose restart worker`.\n',
      errors: [
        {
          messageId: 'unknown',
          data: { name: 'worker', compose: 'compose.yaml' },
          file: 'README.md',
          line: 1,
          column: 29,
          endLine: 1,
          endColumn: 35,
        },
      ],
    },
    {
      name: 'a table row for a service that is gone',
      compose: 'services:\n  web:\n    image: nginx:1.27\n',
      docs: '| Service | Port |\n|---|---|\n| api | 80 |\n',
      errors: [
        {
          messageId: 'unknown',
          data: { name: 'api', compose: 'compose.yaml' },
          file: 'README.md',
          line: 3,
          column: 3,
          endLine: 3,
          endColumn: 6,
        },
      ],
    },
    {
      name: 'a fenced block with two unknown services',
      compose: 'services:\n  web:\n    image: nginx:1.27\n',
      docs: '```sh\ndocker compose logs api\ndocker compose up -d queue\n```\n',
      errors: [
        {
          messageId: 'unknown',
          data: { name: 'api', compose: 'compose.yaml' },
          file: 'README.md',
          line: 2,
          column: 21,
          endLine: 2,
          endColumn: 24,
        },
        {
          messageId: 'unknown',
          data: { name: 'queue', compose: 'compose.yaml' },
          file: 'README.md',
          line: 3,
          column: 22,
          endLine: 3,
          endColumn: 27,
        },
      ],
    },
    {
      name: 'a renamed service',
      compose: 'services:\n  db:\n    image: postgres:16\n',
      docs: '| Service | Purpose |\n|---|---|\n| postgres | data |\n\n```sh\ndocker compose logs -f worker\n```\n',
      errors: [
        {
          messageId: 'unknown',
          data: {
            name: 'postgres',
            compose: 'compose.yaml',
          },
          file: 'README.md',
          line: 3,
          column: 3,
          endLine: 3,
          endColumn: 11,
        },
        {
          messageId: 'unknown',
          data: {
            name: 'worker',
            compose: 'compose.yaml',
          },
          file: 'README.md',
          line: 6,
          column: 24,
          endLine: 6,
          endColumn: 30,
        },
      ],
    },
  ],
});
