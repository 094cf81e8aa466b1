import { secretsFileMode } from '../../../../src/check/rules/secrets/file-mode.js';
import { testRule } from '../../support/rule-tester.js';

testRule(secretsFileMode, {
  valid: [
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
