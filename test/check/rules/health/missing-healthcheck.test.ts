import { healthMissingHealthcheck } from '../../../../src/check/rules/health/missing-healthcheck.js';
import { testRule } from '../../support/rule-tester.js';

testRule(healthMissingHealthcheck, {
  valid: [
    {
      name: 'a healthcheck',
      compose:
        'services:\n  web:\n    image: nginx:1.27\n    healthcheck:\n      test: ["CMD", "wget", "-q", "--spider", "http://localhost/"]\n',
    },
  ],
  invalid: [
    {
      name: 'no healthcheck',
      compose: 'services:\n  web:\n    image: nginx:1.27\n',
      errors: [
        {
          messageId: 'missing',
          data: {
            service: 'web',
          },
          line: 2,
          column: 3,
          endLine: 2,
          endColumn: 6,
        },
      ],
    },
  ],
});
