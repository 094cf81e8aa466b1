import { securityPrivileged } from '../../../../src/check/rules/security/privileged.js';
import { testRule } from '../../support/rule-tester.js';

testRule(securityPrivileged, {
  valid: [
    {
      name: 'not privileged',
      compose: 'services:\n  web:\n    image: nginx:1.27\n',
    },
  ],
  invalid: [
    {
      name: 'privileged: true',
      compose: 'services:\n  web:\n    image: nginx:1.27\n    privileged: true\n',
      errors: [
        {
          messageId: 'privileged',
          data: {
            service: 'web',
          },
          line: 4,
          column: 5,
          endLine: 4,
          endColumn: 15,
        },
      ],
    },
  ],
});
