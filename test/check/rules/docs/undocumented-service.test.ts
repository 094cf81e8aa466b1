import { docsUndocumentedService } from '../../../../src/check/rules/docs/undocumented-service.js';
import { testRule } from '../../support/rule-tester.js';

testRule(docsUndocumentedService, {
  valid: [
    {
      name: 'named in a table',
      compose: 'services:\n  web:\n    image: nginx:1.27\n',
      docs: '| Service | Port |\n|---|---|\n| web | 80 |\n',
    },
    {
      name: 'named in a fenced block',
      compose: 'services:\n  web:\n    image: nginx:1.27\n',
      docs: '```sh\ndocker compose logs web\n```\n',
    },
    { name: 'no docs were given', compose: 'services:\n  web:\n    image: nginx:1.27\n' },
    {
      name: 'every service is mentioned',
      compose: 'services:\n  db:\n    image: postgres:16\n',
      docs: 'The `db` service holds the data.\n',
    },
  ],
  invalid: [
    {
      name: 'a longer word is not the name',
      compose: 'services:\n  web:\n    image: nginx:1.27\n',
      docs: 'The webserver serves pages.\n',
      errors: [{ messageId: 'undocumented', data: { service: 'web', files: 'README.md' }, line: 2, column: 3, endLine: 2, endColumn: 6 }],
    },
    {
      name: 'only one of two services is named',
      compose: 'services:\n  web:\n    image: nginx:1.27\n  worker:\n    image: nginx:1.27\n',
      docs: 'Run `web`.\n',
      errors: [
        { messageId: 'undocumented', data: { service: 'worker', files: 'README.md' }, line: 4, column: 3, endLine: 4, endColumn: 9 },
      ],
    },
    {
      name: 'another word for it (postgres) is not its name (db)',
      compose: 'services:\n  api:\n    image: nginx:1.27\n  db:\n    image: nginx:1.27\n',
      docs: 'The api talks to postgres.\n',
      errors: [{ messageId: 'undocumented', data: { service: 'db', files: 'README.md' }, line: 4, column: 3, endLine: 4, endColumn: 5 }],
    },
    {
      name: 'a service is missing',
      compose: 'services:\n  db:\n    image: postgres:16\n  cache:\n    image: redis:7\n',
      docs: 'The `db` service holds the data.\n',
      errors: [
        {
          messageId: 'undocumented',
          data: {
            service: 'cache',
            files: 'README.md',
          },
          line: 4,
          column: 3,
          endLine: 4,
          endColumn: 8,
        },
      ],
    },
  ],
});
