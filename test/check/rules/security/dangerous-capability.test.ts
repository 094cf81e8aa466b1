import { securityDangerousCapability } from '../../../../src/check/rules/security/dangerous-capability.js';
import { testRule } from '../../support/rule-tester.js';

testRule(securityDangerousCapability, {
  valid: [
    { name: 'NET_BIND_SERVICE is harmless', compose: 'services:\n  a:\n    image: nginx:1.27\n    cap_add: [NET_BIND_SERVICE]\n' },
    { name: 'dropping ALL is the opposite', compose: 'services:\n  a:\n    image: nginx:1.27\n    cap_drop: [ALL]\n' },
    { name: 'CHOWN and SETUID', compose: 'services:\n  a:\n    image: nginx:1.27\n    cap_add:\n      - CHOWN\n      - SETUID\n' },
    {
      name: 'a harmless capability',
      compose: 'services:\n  web:\n    image: nginx:1.27\n    cap_drop: [ALL]\n    cap_add: [NET_BIND_SERVICE]\n',
    },
  ],
  invalid: [
    {
      name: 'the CAP_ prefix and lower case',
      compose: 'services:\n  a:\n    image: nginx:1.27\n    cap_add: [cap_sys_admin]\n',
      errors: [
        { messageId: 'capability', data: { service: 'a', capability: 'SYS_ADMIN' }, line: 4, column: 15, endLine: 4, endColumn: 28 },
      ],
    },
    {
      name: 'ALL',
      compose: 'services:\n  a:\n    image: nginx:1.27\n    cap_add: [ALL]\n',
      errors: [{ messageId: 'capability', data: { service: 'a', capability: 'ALL' }, line: 4, column: 15, endLine: 4, endColumn: 18 }],
    },
    {
      name: 'NET_ADMIN and SYS_PTRACE',
      compose: 'services:\n  a:\n    image: nginx:1.27\n    cap_add:\n      - NET_ADMIN\n      - SYS_PTRACE\n',
      errors: [
        { messageId: 'capability', data: { service: 'a', capability: 'NET_ADMIN' }, line: 5, column: 9, endLine: 5, endColumn: 18 },
        { messageId: 'capability', data: { service: 'a', capability: 'SYS_PTRACE' }, line: 6, column: 9, endLine: 6, endColumn: 19 },
      ],
    },
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
