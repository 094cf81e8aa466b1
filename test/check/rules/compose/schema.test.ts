import { composeSchema } from '../../../../src/check/rules/compose/schema.js';
import { testRule } from '../../support/rule-tester.js';

testRule(composeSchema, {
  valid: [
    {
      name: 'a service with an image',
      compose: 'services:\n  web:\n    image: nginx:1.27\n    restart: unless-stopped\n',
    },
  ],
  invalid: [
    {
      name: 'an unknown key and a wrong type',
      compose: 'services:\n  web:\n    image: nginx:1.27\n    restrat: always\n    ports: 8080\n',
      errors: [
        {
          messageId: 'invalid',
          data: {
            path: 'services.web.restrat',
            message: 'must NOT have additional properties "restrat"',
          },
          line: 4,
          column: 14,
          endLine: 4,
          endColumn: 20,
        },
        {
          messageId: 'invalid',
          data: {
            path: 'services.web.ports',
            message: 'must be array',
          },
          line: 5,
          column: 12,
          endLine: 5,
          endColumn: 16,
        },
      ],
    },
  ],
});
