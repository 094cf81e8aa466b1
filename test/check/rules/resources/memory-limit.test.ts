import { resourcesMemoryLimit } from '../../../../src/check/rules/resources/memory-limit.js';
import { testRule } from '../../support/rule-tester.js';

testRule(resourcesMemoryLimit, {
  valid: [
    {
      name: 'deploy.resources.limits.memory',
      compose: 'services:\n  web:\n    image: nginx:1.27\n    deploy:\n      resources:\n        limits:\n          memory: 256m\n',
    },
  ],
  invalid: [
    {
      name: 'no limit',
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
