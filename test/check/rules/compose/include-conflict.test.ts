import { composeIncludeConflict } from '../../../../src/check/rules/compose/include-conflict.js';
import { testRule } from '../../support/rule-tester.js';

testRule(composeIncludeConflict, {
  valid: [
    {
      name: 'an include that brings services the project does not have',
      compose: 'include:\n  - sub/compose.yaml\nservices:\n  web:\n    image: nginx:1.27\n',
      files: { 'sub/compose.yaml': 'services:\n  db:\n    image: postgres:16\n' },
    },
    {
      name: 'an override file (-f) may change an included service',
      compose: 'include:\n  - sub/compose.yaml\nservices:\n  web:\n    image: nginx:1.27\n',
      files: {
        'sub/compose.yaml': 'services:\n  db:\n    image: postgres:16\n',
        'compose.override.yaml': 'services:\n  db:\n    mem_limit: 1g\n',
      },
      overrides: ['compose.override.yaml'],
    },
    {
      name: 'the same file included by two included projects (a diamond) is the same definition',
      compose: 'include:\n  - a/compose.yaml\n  - b/compose.yaml\nservices:\n  web:\n    image: nginx:1.27\n',
      files: {
        'a/compose.yaml': 'include:\n  - ../shared/compose.yaml\nservices:\n  a:\n    image: nginx:1.27\n',
        'b/compose.yaml': 'include:\n  - ../shared/compose.yaml\nservices:\n  b:\n    image: nginx:1.27\n',
        'shared/compose.yaml': 'services:\n  redis:\n    image: redis:7.4\n',
      },
    },
    {
      name: 'a network defined identically on both sides',
      compose: 'include:\n  - sub/compose.yaml\nservices:\n  web:\n    image: nginx:1.27\nnetworks:\n  backend: {}\n',
      files: { 'sub/compose.yaml': 'services:\n  db:\n    image: postgres:16\nnetworks:\n  backend: {}\n' },
    },
    {
      name: 'a same-named service in two -f files merges (no include involved)',
      compose: 'services:\n  web:\n    image: nginx:1.27\n',
      files: { 'compose.prod.yaml': 'services:\n  web:\n    image: nginx:1.27.3\n' },
      overrides: ['compose.prod.yaml'],
    },
  ],
  invalid: [
    {
      name: 'the project redefines an included service, at the include line',
      compose: 'include:\n  - sub/compose.yaml\nservices:\n  db:\n    image: postgres:17\n',
      files: { 'sub/compose.yaml': 'services:\n  db:\n    image: postgres:16\n' },
      errors: [
        {
          messageId: 'conflict',
          data: { included: 'sub/compose.yaml', section: 'services', name: 'db', defined: 'compose.yaml:4:3' },
          line: 2,
          column: 5,
          endLine: 2,
          endColumn: 21,
        },
      ],
    },
    {
      name: 'the long syntax, at its path',
      compose: 'include:\n  - path: ./sub/compose.yaml\n    project_directory: sub\nservices:\n  db:\n    image: postgres:17\n',
      files: { 'sub/compose.yaml': 'services:\n  db:\n    image: postgres:16\n' },
      errors: [
        {
          messageId: 'conflict',
          data: { included: 'sub/compose.yaml', section: 'services', name: 'db', defined: 'compose.yaml:5:3' },
          line: 2,
          column: 11,
          endLine: 2,
          endColumn: 29,
        },
      ],
    },
    {
      name: 'two included files define the same service differently, at the second include',
      compose: 'include:\n  - a.yaml\n  - b.yaml\nservices:\n  web:\n    image: nginx:1.27\n',
      files: { 'a.yaml': 'services:\n  redis:\n    image: redis:7.4\n', 'b.yaml': 'services:\n  redis:\n    image: redis:8.0\n' },
      errors: [
        {
          messageId: 'conflict',
          data: { included: 'b.yaml', section: 'services', name: 'redis', defined: 'a.yaml:2:3' },
          line: 3,
          column: 5,
          endLine: 3,
          endColumn: 11,
        },
      ],
    },
    {
      name: 'a volume the project defines with other options',
      compose: 'include:\n  - sub.yaml\nservices:\n  web:\n    image: nginx:1.27\nvolumes:\n  data:\n    driver: local\n',
      files: { 'sub.yaml': 'services:\n  db:\n    image: postgres:16\nvolumes:\n  data:\n    external: true\n' },
      errors: [
        {
          messageId: 'conflict',
          data: { included: 'sub.yaml', section: 'volumes', name: 'data', defined: 'compose.yaml:7:3' },
          line: 2,
          column: 5,
          endLine: 2,
          endColumn: 13,
        },
      ],
    },
    {
      name: 'an included file whose own include redefines one of its services, at that include',
      compose: 'include:\n  - sub/compose.yaml\nservices:\n  web:\n    image: nginx:1.27\n',
      files: {
        'sub/compose.yaml': 'include:\n  - inner.yaml\nservices:\n  db:\n    image: postgres:16\n',
        'sub/inner.yaml': 'services:\n  db:\n    image: postgres:15\n',
      },
      errors: [
        {
          messageId: 'conflict',
          file: 'sub/compose.yaml',
          data: { included: 'sub/inner.yaml', section: 'services', name: 'db', defined: 'sub/compose.yaml:4:3' },
          line: 2,
          column: 5,
          endLine: 2,
          endColumn: 15,
        },
      ],
    },
  ],
});
