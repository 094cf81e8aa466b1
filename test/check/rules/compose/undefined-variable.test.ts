import { composeUndefinedVariable } from '../../../../src/check/rules/compose/undefined-variable.js';
import { testRule } from '../../support/rule-tester.js';

testRule(composeUndefinedVariable, {
  valid: [
    {
      name: 'defined in .env or with a default',
      compose: 'services:\n  web:\n    image: nginx:${TAG}\n    environment:\n      MODE: ${MODE:-prod}\n',
      env: 'TAG=1.27\n',
    },
  ],
  invalid: [
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
          messageId: 'undefined',
          data: {
            name: 'DB_PASS',
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
