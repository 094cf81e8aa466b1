import { composeObsoleteVersion } from '../../../../src/check/rules/compose/obsolete-version.js';
import { testRule } from '../../support/rule-tester.js';

testRule(composeObsoleteVersion, {
  valid: [
    { name: 'an extension key that mentions a version', compose: 'x-version: "3.8"\nservices:\n  web:\n    image: nginx:1.27\n' },
    { name: 'a service named version is not the top-level key', compose: 'services:\n  version:\n    image: nginx:1.27\n' },
    { name: 'a VERSION environment variable', compose: 'services:\n  web:\n    image: nginx:1.27\n    environment:\n      VERSION: "3"\n' },
    {
      name: 'no version key',
      compose: 'services:\n  web:\n    image: nginx:1.27\n',
    },
  ],
  invalid: [
    {
      name: 'a quoted string version',
      compose: "version: '2.4'\nservices:\n  web:\n    image: nginx:1.27\n",
      errors: [{ messageId: 'obsolete', data: {}, line: 1, column: 1, endLine: 1, endColumn: 8 }],
    },
    {
      name: 'a number version',
      compose: 'version: 3\nservices:\n  web:\n    image: nginx:1.27\n',
      errors: [{ messageId: 'obsolete', data: {}, line: 1, column: 1, endLine: 1, endColumn: 8 }],
    },
    {
      name: 'version after services',
      compose: 'services:\n  web:\n    image: nginx:1.27\nversion: "3.9"\n',
      errors: [{ messageId: 'obsolete', data: {}, line: 4, column: 1, endLine: 4, endColumn: 8 }],
    },
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
