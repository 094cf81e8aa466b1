import { composeMissingFile } from '../../../../src/check/rules/compose/missing-file.js';
import { testRule } from '../../support/rule-tester.js';

testRule(composeMissingFile, {
  valid: [
    {
      name: 'an include that exists, relative to the including file',
      compose: 'include:\n  - sub/compose.yaml\nservices:\n  web:\n    image: nginx:1.27\n',
      files: { 'sub/compose.yaml': 'services:\n  db:\n    image: postgres:16\n' },
    },
    {
      name: 'an include with project_directory and its own env_file',
      compose:
        'include:\n  - path: sub/compose.yaml\n    project_directory: sub\n    env_file: sub/vars.env\nservices:\n  web:\n    image: nginx:1.27\n',
      files: { 'sub/compose.yaml': 'services:\n  db:\n    image: postgres:${PG:-16}\n', 'sub/vars.env': 'PG=17\n' },
    },
    {
      name: 'extends from another file that exists',
      compose: 'services:\n  web:\n    extends:\n      file: base.yaml\n      service: base\n',
      files: { 'base.yaml': 'services:\n  base:\n    image: nginx:1.27\n' },
    },
    {
      name: 'an optional env_file may be missing',
      compose: 'services:\n  web:\n    image: nginx:1.27\n    env_file:\n      - path: ./local.env\n        required: false\n',
    },
  ],
  invalid: [
    {
      name: 'a missing include, at the include line',
      compose: 'include:\n  - ./monitoring/compose.yaml\nservices:\n  web:\n    image: nginx:1.27\n',
      errors: [
        {
          messageId: 'missing',
          data: { message: 'included file monitoring/compose.yaml does not exist' },
          line: 2,
          column: 5,
          endLine: 2,
          endColumn: 30,
        },
      ],
    },
    {
      name: 'a missing include in the long syntax, at its path',
      compose: 'include:\n  - path: ./other.yaml\nservices:\n  web:\n    image: nginx:1.27\n',
      errors: [
        {
          messageId: 'missing',
          data: { message: 'included file other.yaml does not exist' },
          line: 2,
          column: 11,
          endLine: 2,
          endColumn: 23,
        },
      ],
    },
    {
      name: 'a missing extends file, at the file key',
      compose: 'services:\n  web:\n    extends:\n      file: ./base.yaml\n      service: base\n',
      errors: [
        {
          messageId: 'missing',
          data: { message: 'extended file base.yaml does not exist' },
          line: 4,
          column: 13,
          endLine: 4,
          endColumn: 24,
        },
      ],
    },
    {
      name: 'a missing env_file string and list entry',
      compose:
        'services:\n  web:\n    image: nginx:1.27\n    env_file: ./web.env\n  api:\n    image: nginx:1.27\n    env_file:\n      - ./api.env\n',
      errors: [
        {
          messageId: 'missing',
          data: { message: 'env_file of web: web.env does not exist' },
          line: 4,
          column: 15,
          endLine: 4,
          endColumn: 24,
        },
        {
          messageId: 'missing',
          data: { message: 'env_file of api: api.env does not exist' },
          line: 8,
          column: 9,
          endLine: 8,
          endColumn: 18,
        },
      ],
    },
    {
      name: 'an include inside an included file, relative to that file',
      compose: 'include:\n  - sub/compose.yaml\nservices:\n  web:\n    image: nginx:1.27\n',
      files: { 'sub/compose.yaml': 'include:\n  - ./deeper.yaml\nservices:\n  db:\n    image: postgres:16\n' },
      errors: [
        {
          messageId: 'missing',
          data: { message: 'included file sub/deeper.yaml does not exist' },
          file: 'sub/compose.yaml',
          line: 2,
          column: 5,
          endLine: 2,
          endColumn: 18,
        },
      ],
    },
  ],
});
