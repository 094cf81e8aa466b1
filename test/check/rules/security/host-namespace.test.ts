import { securityHostNamespace } from '../../../../src/check/rules/security/host-namespace.js';
import { testRule } from '../../support/rule-tester.js';

testRule(securityHostNamespace, {
  valid: [
    {
      name: 'default namespaces',
      compose: 'services:\n  web:\n    image: nginx:1.27\n',
    },
  ],
  invalid: [
    {
      name: 'host network and pid',
      compose: 'services:\n  agent:\n    image: ghcr.io/example/agent:1.0\n    network_mode: host\n    pid: host\n',
      errors: [
        {
          messageId: 'host',
          data: {
            service: 'agent',
            key: 'network_mode',
          },
          line: 4,
          column: 19,
          endLine: 4,
          endColumn: 23,
        },
        {
          messageId: 'host',
          data: {
            service: 'agent',
            key: 'pid',
          },
          line: 5,
          column: 10,
          endLine: 5,
          endColumn: 14,
        },
      ],
    },
  ],
});
