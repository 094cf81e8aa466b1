import { portsHostConflict } from '../../../../src/check/rules/ports/host-conflict.js';
import { testRule } from '../../support/rule-tester.js';

testRule(portsHostConflict, {
  valid: [
    {
      name: 'different specific addresses and protocols',
      compose:
        'services:\n  a:\n    image: nginx:1.27\n    ports:\n      - "127.0.0.1:8080:80"\n      - "53:53/udp"\n  b:\n    image: nginx:1.27\n    ports:\n      - "127.0.0.2:8080:80"\n      - "53:53/tcp"\n',
    },
  ],
  invalid: [
    {
      name: 'a wildcard and a range overlap',
      compose:
        'services:\n  a:\n    image: nginx:1.27\n    ports:\n      - "127.0.0.1:8080:80"\n  b:\n    image: nginx:1.27\n    ports:\n      - "${B_PORT:-8079}-8081:80-82"\n',
      errors: [
        {
          messageId: 'conflict',
          data: {
            port: '127.0.0.1:8080/tcp',
            service: 'a',
            other: 'b',
            otherPort: '8079-8081/tcp',
            otherLine: 9,
          },
          line: 5,
          column: 9,
          endLine: 5,
          endColumn: 28,
        },
        {
          messageId: 'conflict',
          data: {
            port: '8079-8081/tcp',
            service: 'b',
            other: 'a',
            otherPort: '127.0.0.1:8080/tcp',
            otherLine: 5,
          },
          line: 9,
          column: 9,
          endLine: 9,
          endColumn: 37,
        },
      ],
    },
  ],
});
