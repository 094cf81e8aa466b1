import { portsHostPortInUse } from '../../../../src/check/rules/ports/host-port-in-use.js';
import { testRule } from '../../support/rule-tester.js';

testRule(portsHostPortInUse, {
  valid: [
    {
      name: 'the port is free',
      compose: 'services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "8080:80"\n',
    },
  ],
  invalid: [
    {
      name: 'another process listens on 8080',
      compose: 'services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "8080:80"\n',
      facts: {
        portsInUse: [
          {
            port: 8080,
            protocol: 'tcp',
            hostIp: '127.0.0.1',
            owner: 'pid 812 (nginx)',
          },
        ],
      },
      errors: [
        {
          messageId: 'inUseBy',
          data: {
            port: 8080,
            service: 'web',
            owner: 'pid 812 (nginx)',
          },
          line: 5,
          column: 9,
          endLine: 5,
          endColumn: 18,
        },
      ],
    },
  ],
});
