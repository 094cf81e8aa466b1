import { healthRestartPolicy } from '../../../../src/check/rules/health/restart-policy.js';
import { testRule } from '../../support/rule-tester.js';

testRule(healthRestartPolicy, {
  valid: [
    {
      name: 'restart unless-stopped',
      compose: 'services:\n  web:\n    image: nginx:1.27\n    restart: unless-stopped\n',
    },
  ],
  invalid: [
    {
      name: 'no restart policy',
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
