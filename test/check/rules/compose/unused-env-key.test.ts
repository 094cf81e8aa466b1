import { composeUnusedEnvKey } from '../../../../src/check/rules/compose/unused-env-key.js';
import { testRule } from '../../support/rule-tester.js';

testRule(composeUnusedEnvKey, {
  valid: [
    {
      name: 'every key is used',
      compose: 'services:\n  web:\n    image: nginx:${TAG}\n',
      env: 'TAG=1.27\n',
    },
  ],
  invalid: [
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
