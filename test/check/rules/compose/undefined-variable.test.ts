import { composeUndefinedVariable } from '../../../../src/check/rules/compose/undefined-variable.js';
import { testRule } from '../../support/rule-tester.js';

testRule(composeUndefinedVariable, {
  valid: [
    {
      name: 'defined in .env.example when .env is missing',
      compose: 'services:\n  db:\n    image: postgres:16\n    environment:\n      P: ${P}\n',
      files: { '.env.example': 'P=x\n' },
    },
    {
      name: '${VAR?message} with VAR set to empty is set',
      compose: 'services:\n  db:\n    image: postgres:16\n    environment:\n      P: ${P?need P}\n',
      env: 'P=\n',
    },
    { name: '${VAR:+alt} needs no value', compose: 'services:\n  db:\n    image: postgres:16\n    environment:\n      P: ${P:+alt}\n' },
    {
      name: 'an escaped $$VAR is not a reference',
      compose: 'services:\n  db:\n    image: postgres:16\n    environment:\n      P: $$HOME\n',
    },
    {
      name: 'defined in .env or with a default',
      compose: 'services:\n  web:\n    image: nginx:${TAG}\n    environment:\n      MODE: ${MODE:-prod}\n',
      env: 'TAG=1.27\n',
    },
  ],
  invalid: [
    {
      name: '${VAR:?message} with VAR empty',
      compose: 'services:\n  db:\n    image: postgres:16\n    environment:\n      P: ${P:?set P in .env}\n',
      env: 'P=\n',
      errors: [{ messageId: 'required', data: { name: 'P', message: 'set P in .env' }, line: 5, column: 10, endLine: 5, endColumn: 29 }],
    },
    {
      name: '${VAR?message} with VAR unset',
      compose: 'services:\n  db:\n    image: postgres:16\n    environment:\n      P: ${P?set P}\n',
      errors: [{ messageId: 'required', data: { name: 'P', message: 'set P' }, line: 5, column: 10, endLine: 5, endColumn: 20 }],
    },
    {
      name: 'bare $VAR',
      compose: 'services:\n  db:\n    image: postgres:16\n    environment:\n      P: $P\n',
      errors: [{ messageId: 'undefined', data: { name: 'P' }, line: 5, column: 10, endLine: 5, endColumn: 12 }],
    },
    {
      name: 'two references in one string, in an override file',
      compose: 'services:\n  web:\n    image: nginx:1.27\n',
      files: { 'o.yaml': 'services:\n  web:\n    command: "${A} ${B}"\n' },
      overrides: ['o.yaml'],
      errors: [
        { messageId: 'undefined', data: { name: 'A' }, file: 'o.yaml', line: 3, column: 15, endLine: 3, endColumn: 19 },
        { messageId: 'undefined', data: { name: 'B' }, file: 'o.yaml', line: 3, column: 20, endLine: 3, endColumn: 24 },
      ],
    },
    {
      name: 'no .env entry and no default',
      compose: 'services:\n  web:\n    image: nginx:${TAG}\n    environment:\n      PASSWORD: ${DB_PASS:?set it}\n',
      env: '',
      errors: [
        {
          messageId: 'undefined',
          data: {
            name: 'TAG',
          },
          line: 3,
          column: 18,
          endLine: 3,
          endColumn: 24,
        },
        {
          messageId: 'required',
          data: {
            name: 'DB_PASS',
            message: 'set it',
          },
          line: 5,
          column: 17,
          endLine: 5,
          endColumn: 35,
        },
      ],
    },
  ],
});
