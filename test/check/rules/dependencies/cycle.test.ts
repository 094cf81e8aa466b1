import { dependenciesCycle } from '../../../../src/check/rules/dependencies/cycle.js';
import { testRule } from '../../support/rule-tester.js';

testRule(dependenciesCycle, {
  valid: [
    {
      name: 'a chain',
      compose: 'services:\n  a:\n    image: busybox:1.36\n    depends_on: [b]\n  b:\n    image: busybox:1.36\n',
    },
  ],
  invalid: [
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
