import { composeObsoleteVersion } from '../../../../src/check/rules/compose/obsolete-version.js';
import { testRule } from '../../support/rule-tester.js';

testRule(composeObsoleteVersion, {
  valid: [
    {
      name: 'no version key',
      compose: 'services:\n  web:\n    image: nginx:1.27\n',
    },
  ],
  invalid: [
    {
      name: 'version 3.8',
      compose: 'version: "3.8"\nservices:\n  web:\n    image: nginx:1.27\n',
      errors: [
        {
          messageId: 'obsolete',
          data: {},
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 8,
        },
      ],
    },
  ],
});
