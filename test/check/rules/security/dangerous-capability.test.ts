import { securityDangerousCapability } from '../../../../src/check/rules/security/dangerous-capability.js';
import { testRule } from '../../support/rule-tester.js';

testRule(securityDangerousCapability, {
  valid: [
    {
      name: 'a harmless capability',
      compose: 'services:\n  web:\n    image: nginx:1.27\n    cap_drop: [ALL]\n    cap_add: [NET_BIND_SERVICE]\n',
    },
  ],
  invalid: [
    {
      name: 'ALL and SYS_ADMIN',
      compose: 'services:\n  web:\n    image: nginx:1.27\n    cap_add:\n      - ALL\n      - CAP_SYS_ADMIN\n',
      errors: [
        {
          messageId: 'capability',
          data: {
            service: 'web',
            capability: 'ALL',
          },
          line: 5,
          column: 9,
          endLine: 5,
          endColumn: 12,
        },
        {
          messageId: 'capability',
          data: {
            service: 'web',
            capability: 'SYS_ADMIN',
          },
          line: 6,
          column: 9,
          endLine: 6,
          endColumn: 22,
        },
      ],
    },
  ],
});
