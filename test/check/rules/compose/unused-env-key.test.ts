import { composeUnusedEnvKey } from '../../../../src/check/rules/compose/unused-env-key.js';
import { testRule } from '../../support/rule-tester.js';

testRule(composeUnusedEnvKey, {
  valid: [
    { name: 'env_file: .env uses every key', compose: 'services:\n  web:\n    image: nginx:1.27\n    env_file: .env\n', env: 'A=1\nB=2\n' },
    {
      name: 'a bare environment entry uses the key',
      compose: 'services:\n  web:\n    image: nginx:1.27\n    environment:\n      - A\n',
      env: 'A=1\n',
    },
    {
      name: 'a key interpolated by another .env key',
      compose: 'services:\n  web:\n    image: nginx:1.27\n    environment:\n      URL: ${URL}\n',
      env: 'HOST=db\nURL=http://${HOST}/\n',
    },
    {
      name: 'a key used only by an included file',
      compose: 'include:\n  - sub.yaml\nservices: {}\n',
      files: { 'sub.yaml': 'services:\n  db:\n    image: postgres:${PG}\n' },
      env: 'PG=16\n',
    },
    {
      name: 'every key is used',
      compose: 'services:\n  web:\n    image: nginx:${TAG}\n',
      env: 'TAG=1.27\n',
    },
  ],
  invalid: [
    {
      name: 'env_file naming another file does not use .env',
      compose: 'services:\n  web:\n    image: nginx:1.27\n    env_file: web.env\n',
      env: 'A=1\n',
      files: { 'web.env': 'X=1\n' },
      errors: [
        { messageId: 'unused', data: { name: 'A', compose: 'compose.yaml' }, file: '.env', line: 1, column: 1, endLine: 1, endColumn: 2 },
      ],
    },
    {
      name: 'a key named only in a comment',
      compose: '# uses A\nservices:\n  web:\n    image: nginx:1.27\n',
      env: 'A=1\n',
      errors: [
        { messageId: 'unused', data: { name: 'A', compose: 'compose.yaml' }, file: '.env', line: 1, column: 1, endLine: 1, endColumn: 2 },
      ],
    },
    {
      name: 'a key that differs in case',
      compose: 'services:\n  web:\n    image: nginx:1.27\n    environment:\n      - a\n',
      env: 'A=1\n',
      errors: [
        { messageId: 'unused', data: { name: 'A', compose: 'compose.yaml' }, file: '.env', line: 1, column: 1, endLine: 1, endColumn: 2 },
      ],
    },
    {
      name: 'keys of .env.example when it stands in for .env',
      compose: 'services:\n  web:\n    image: nginx:1.27\n',
      files: { '.env.example': 'UNUSED=1\n' },
      errors: [
        {
          messageId: 'unused',
          data: { name: 'UNUSED', compose: 'compose.yaml' },
          file: '.env.example',
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 7,
        },
      ],
    },
    {
      name: 'a key nothing reads',
      compose: 'services:\n  web:\n    image: nginx:${TAG}\n',
      env: 'TAG=1.27\nPOSTGRES_PASWORD=x\n',
      errors: [
        {
          messageId: 'unused',
          data: {
            name: 'POSTGRES_PASWORD',
            compose: 'compose.yaml',
          },
          file: '.env',
          line: 2,
          column: 1,
          endLine: 2,
          endColumn: 17,
        },
      ],
    },
  ],
});
