import { secretsFileMode } from '../../../../src/check/rules/secrets/file-mode.js';
import { testRule } from '../../support/rule-tester.js';

testRule(secretsFileMode, {
  valid: [
    {
      name: 'mode 0400',
      compose: 'services: {}\nsecrets:\n  db:\n    file: ./db.txt\n',
      facts: { fileModes: [{ source: './db.txt', mode: 256 }] },
    },
    { name: 'a file the shell could not stat is not judged', compose: 'services: {}\nsecrets:\n  db:\n    file: ./db.txt\n' },
    {
      name: 'an environment secret has no file',
      compose: 'services: {}\nsecrets:\n  db:\n    environment: DB_PASSWORD\n',
      facts: { fileModes: [{ source: './db.txt', mode: 420 }] },
    },
    {
      name: 'mode 0600',
      compose: 'services:\n  db:\n    image: postgres:16\n    secrets: [db]\nsecrets:\n  db:\n    file: ./secrets/db.txt\n',
      facts: {
        fileModes: [
          {
            source: './secrets/db.txt',
            mode: 384,
          },
        ],
      },
    },
    {
      name: 'mode 0444 inside a directory other users cannot enter (the readable copy containers mount)',
      compose: 'services:\n  db:\n    image: postgres:16\n    secrets: [db]\nsecrets:\n  db:\n    file: ./.aistack/secrets/mounted/db\n',
      facts: {
        fileModes: [
          {
            source: './.aistack/secrets/mounted/db',
            mode: 292,
            enclosed: true,
          },
        ],
      },
    },
  ],
  invalid: [
    {
      name: 'group-readable 0640',
      compose: 'services: {}\nsecrets:\n  db:\n    file: ./db.txt\n',
      facts: { fileModes: [{ source: './db.txt', mode: 416 }] },
      errors: [{ messageId: 'wide', data: { file: './db.txt', mode: '0640' }, line: 4, column: 11, endLine: 4, endColumn: 19 }],
    },
    {
      name: 'others-readable 0604',
      compose: 'services: {}\nsecrets:\n  db:\n    file: ./db.txt\n',
      facts: { fileModes: [{ source: './db.txt', mode: 388 }] },
      errors: [{ messageId: 'wide', data: { file: './db.txt', mode: '0604' }, line: 4, column: 11, endLine: 4, endColumn: 19 }],
    },
    {
      name: 'enclosed: false does not excuse it',
      compose: 'services: {}\nsecrets:\n  db:\n    file: ./db.txt\n',
      facts: { fileModes: [{ source: './db.txt', mode: 420, enclosed: false }] },
      errors: [{ messageId: 'wide', data: { file: './db.txt', mode: '0644' }, line: 4, column: 11, endLine: 4, endColumn: 19 }],
    },
    {
      name: 'mode 0644',
      compose: 'services:\n  db:\n    image: postgres:16\n    secrets: [db]\nsecrets:\n  db:\n    file: ./secrets/db.txt\n',
      facts: {
        fileModes: [
          {
            source: './secrets/db.txt',
            mode: 420,
          },
        ],
      },
      errors: [
        {
          messageId: 'wide',
          data: {
            file: './secrets/db.txt',
            mode: '0644',
          },
          line: 7,
          column: 11,
          endLine: 7,
          endColumn: 27,
        },
      ],
    },
  ],
});
