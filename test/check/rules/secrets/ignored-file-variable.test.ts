import { secretsIgnoredFileVariable } from '../../../../src/check/rules/secrets/ignored-file-variable.js';
import { testRule } from '../../support/rule-tester.js';

testRule(secretsIgnoredFileVariable, {
  valid: [
    {
      name: 'a variable the image reads',
      compose: 'services:\n  qdrant:\n    image: qdrant/qdrant:v1.12.0\n    environment:\n      QDRANT__SERVICE__API_KEY: ${QDRANT_KEY}\n',
      env: 'QDRANT_KEY=x\n',
      catalog: {
        'qdrant/qdrant': ['QDRANT__SERVICE__API_KEY_FILE'],
      },
    },
  ],
  invalid: [
    {
      name: 'a _FILE variable the image ignores',
      compose:
        'services:\n  qdrant:\n    image: qdrant/qdrant:v1.12.0\n    environment:\n      QDRANT__SERVICE__API_KEY_FILE: /run/secrets/qdrant\n',
      catalog: {
        'qdrant/qdrant': ['QDRANT__SERVICE__API_KEY_FILE'],
      },
      errors: [
        {
          messageId: 'ignored',
          data: {
            image: 'qdrant/qdrant',
            name: 'QDRANT__SERVICE__API_KEY_FILE',
          },
          line: 5,
          column: 38,
          endLine: 5,
          endColumn: 57,
        },
      ],
    },
  ],
});
