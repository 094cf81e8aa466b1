import { securityHostNamespace } from '../../../../src/check/rules/security/host-namespace.js';
import { testRule } from '../../support/rule-tester.js';

testRule(securityHostNamespace, {
  valid: [
    {
      name: 'network_mode: service:',
      compose: 'services:\n  a:\n    image: nginx:1.27\n    network_mode: "service:b"\n  b:\n    image: nginx:1.27\n',
    },
    { name: 'pid: service:', compose: 'services:\n  a:\n    image: nginx:1.27\n    pid: "service:b"\n  b:\n    image: nginx:1.27\n' },
    { name: 'network_mode: bridge', compose: 'services:\n  a:\n    image: nginx:1.27\n    network_mode: bridge\n' },
    {
      name: 'default namespaces',
      compose: 'services:\n  web:\n    image: nginx:1.27\n',
    },
  ],
  invalid: [
    {
      name: 'pid: host',
      compose: 'services:\n  a:\n    image: nginx:1.27\n    pid: host\n',
      errors: [{ messageId: 'host', data: { service: 'a', key: 'pid' }, line: 4, column: 10, endLine: 4, endColumn: 14 }],
    },
    {
      name: 'ipc and uts',
      compose: 'services:\n  a:\n    image: nginx:1.27\n    ipc: host\n    uts: host\n',
      errors: [
        { messageId: 'host', data: { service: 'a', key: 'ipc' }, line: 4, column: 10, endLine: 4, endColumn: 14 },
        { messageId: 'host', data: { service: 'a', key: 'uts' }, line: 5, column: 10, endLine: 5, endColumn: 14 },
      ],
    },
    {
      name: 'userns_mode: host',
      compose: 'services:\n  a:\n    image: nginx:1.27\n    userns_mode: host\n',
      errors: [{ messageId: 'host', data: { service: 'a', key: 'userns_mode' }, line: 4, column: 18, endLine: 4, endColumn: 22 }],
    },
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
