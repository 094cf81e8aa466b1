import { dependenciesCycle } from '../../../../src/check/rules/dependencies/cycle.js';
import { testRule } from '../../support/rule-tester.js';

testRule(dependenciesCycle, {
  valid: [
    {
      name: 'a chain is not a cycle',
      compose:
        'services:\n  a:\n    image: nginx:1.27\n    depends_on: [b]\n  b:\n    image: nginx:1.27\n    depends_on: [c]\n  c:\n    image: nginx:1.27\n',
    },
    {
      name: 'a diamond is not a cycle',
      compose:
        'services:\n  a:\n    image: nginx:1.27\n    depends_on: [b, c]\n  b:\n    image: nginx:1.27\n    depends_on: [d]\n ' +
        ' c:\n    image: nginx:1.27\n    depends_on: [d]\n  d:\n    image: nginx:1.27\n',
    },
    {
      name: 'a dependency on an unknown service is another rule’s business',
      compose: 'services:\n  a:\n    image: nginx:1.27\n    depends_on: [ghost]\n',
    },
    {
      name: 'a chain',
      compose: 'services:\n  a:\n    image: busybox:1.36\n    depends_on: [b]\n  b:\n    image: busybox:1.36\n',
    },
  ],
  invalid: [
    {
      name: 'a service that depends on itself',
      compose: 'services:\n  a:\n    image: nginx:1.27\n    depends_on: [a]\n',
      errors: [{ messageId: 'cycle', data: { cycle: 'a → a' }, line: 4, column: 18, endLine: 4, endColumn: 19 }],
    },
    {
      name: 'a three-service cycle in the long syntax, reported once',
      compose:
        'services:\n  a:\n    image: nginx:1.27\n    depends_on:\n      b:\n        condition: service_started\n  b:\n    ' +
        'image: nginx:1.27\n    depends_on: [c]\n  c:\n    image: nginx:1.27\n    depends_on: [a]\n',
      errors: [{ messageId: 'cycle', data: { cycle: 'a → b → c → a' }, line: 12, column: 18, endLine: 12, endColumn: 19 }],
    },
    {
      name: 'two separate cycles',
      compose:
        'services:\n  a:\n    image: nginx:1.27\n    depends_on: [b]\n  b:\n    image: nginx:1.27\n    depends_on: [a]\n  ' +
        'x:\n    image: nginx:1.27\n    depends_on: [y]\n  y:\n    image: nginx:1.27\n    depends_on: [x]\n',
      errors: [
        { messageId: 'cycle', data: { cycle: 'a → b → a' }, line: 7, column: 18, endLine: 7, endColumn: 19 },
        { messageId: 'cycle', data: { cycle: 'x → y → x' }, line: 13, column: 18, endLine: 13, endColumn: 19 },
      ],
    },
    {
      name: 'a depends on b depends on a',
      compose: 'services:\n  a:\n    image: busybox:1.36\n    depends_on: [b]\n  b:\n    image: busybox:1.36\n    depends_on: [a]\n',
      errors: [
        {
          messageId: 'cycle',
          data: {
            cycle: 'a \u2192 b \u2192 a',
          },
          line: 7,
          column: 18,
          endLine: 7,
          endColumn: 19,
        },
      ],
    },
  ],
});
