import { portsAllInterfaces } from '../../../../src/check/rules/ports/all-interfaces.js';
import { testRule } from '../../support/rule-tester.js';

testRule(portsAllInterfaces, {
  valid: [
    {
      name: 'bound to loopback',
      compose: 'services:\n  db:\n    image: postgres:16\n    ports:\n      - "127.0.0.1:5432:5432"\n',
    },
  ],
  invalid: [
    {
      name: 'published on every interface, explicit or not',
      compose:
        'services:\n  db:\n    image: postgres:16\n    ports:\n      - "5432:5432"\n  adminer:\n    image: adminer:4\n    ports:\n      - "0.0.0.0:8081:8080"\n',
      errors: [
        {
          messageId: 'allInterfaces',
          data: {
            service: 'db',
            image: 'postgres',
            port: 5432,
          },
          line: 5,
          column: 9,
          endLine: 5,
          endColumn: 20,
        },
        {
          messageId: 'allInterfaces',
          data: {
            service: 'adminer',
            image: 'adminer',
            port: 8081,
          },
          line: 9,
          column: 9,
          endLine: 9,
          endColumn: 28,
        },
      ],
    },
  ],
});
