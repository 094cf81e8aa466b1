import { portsHostPortInUse } from '../../../../src/check/rules/ports/host-port-in-use.js';
import { testRule } from '../../support/rule-tester.js';

testRule(portsHostPortInUse, {
  valid: [
    {
      name: 'a different protocol holds the port',
      compose: 'services:\n  a:\n    image: nginx:1.27\n    ports:\n      - "53:53/udp"\n',
      facts: { portsInUse: [{ port: 53, protocol: 'tcp', hostIp: '' }] },
    },
    {
      name: 'a different specific address holds it',
      compose: 'services:\n  a:\n    image: nginx:1.27\n    ports:\n      - "127.0.0.2:8080:80"\n',
      facts: { portsInUse: [{ port: 8080, protocol: 'tcp', hostIp: '127.0.0.1' }] },
    },
    {
      name: 'an ephemeral host port',
      compose: 'services:\n  a:\n    image: nginx:1.27\n    ports:\n      - "80"\n',
      facts: { portsInUse: [{ port: 80, protocol: 'tcp', hostIp: '' }] },
    },
    {
      name: 'the port is free',
      compose: 'services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "8080:80"\n',
    },
  ],
  invalid: [
    {
      name: 'a busy port inside a published range',
      compose: 'services:\n  a:\n    image: nginx:1.27\n    ports:\n      - "9000-9010:9000-9010"\n',
      facts: { portsInUse: [{ port: 9005, protocol: 'tcp', hostIp: '' }] },
      errors: [{ messageId: 'inUse', data: { port: 9005, service: 'a' }, line: 5, column: 9, endLine: 5, endColumn: 30 }],
    },
    {
      name: 'busy on 127.0.0.1, published on every interface',
      compose: 'services:\n  a:\n    image: nginx:1.27\n    ports:\n      - "8080:80"\n',
      facts: { portsInUse: [{ port: 8080, protocol: 'tcp', hostIp: '127.0.0.1' }] },
      errors: [{ messageId: 'inUse', data: { port: 8080, service: 'a' }, line: 5, column: 9, endLine: 5, endColumn: 18 }],
    },
    {
      name: 'the owner is named when known',
      compose: 'services:\n  a:\n    image: nginx:1.27\n    ports:\n      - "127.0.0.1:5432:5432"\n',
      facts: { portsInUse: [{ port: 5432, protocol: 'tcp', hostIp: '', owner: 'pid 42 (postgres)' }] },
      errors: [
        {
          messageId: 'inUseBy',
          data: { port: 5432, service: 'a', owner: 'pid 42 (postgres)' },
          line: 5,
          column: 9,
          endLine: 5,
          endColumn: 30,
        },
      ],
    },
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
