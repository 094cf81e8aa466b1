import { resourcesMemoryLimit } from '../../../../src/check/rules/resources/memory-limit.js';
import { testRule } from '../../support/rule-tester.js';

testRule(resourcesMemoryLimit, {
  valid: [
    { name: 'mem_limit', compose: 'services:\n  a:\n    image: nginx:1.27\n    mem_limit: 512m\n' },
    {
      name: 'deploy.resources.limits.memory',
      compose: 'services:\n  a:\n    image: nginx:1.27\n    deploy:\n      resources:\n        limits:\n          memory: 1g\n',
    },
    {
      name: 'a limit from a merge key',
      compose: 'x-limits: &limits\n  mem_limit: 256m\nservices:\n  a:\n    image: nginx:1.27\n    <<: *limits\n',
    },
    {
      name: 'deploy.resources.limits.memory',
      compose: 'services:\n  web:\n    image: nginx:1.27\n    deploy:\n      resources:\n        limits:\n          memory: 256m\n',
    },
  ],
  invalid: [
    {
      name: 'a reservation is not a limit',
      compose: 'services:\n  a:\n    image: nginx:1.27\n    deploy:\n      resources:\n        reservations:\n          memory: 1g\n',
      errors: [{ messageId: 'missing', data: { service: 'a' }, line: 2, column: 3, endLine: 2, endColumn: 4 }],
    },
    {
      name: 'a CPU limit only',
      compose: 'services:\n  a:\n    image: nginx:1.27\n    deploy:\n      resources:\n        limits:\n          cpus: "1"\n',
      errors: [{ messageId: 'missing', data: { service: 'a' }, line: 2, column: 3, endLine: 2, endColumn: 4 }],
    },
    {
      name: 'mem_reservation is not a limit',
      compose: 'services:\n  a:\n    image: nginx:1.27\n    mem_reservation: 1g\n',
      errors: [{ messageId: 'missing', data: { service: 'a' }, line: 2, column: 3, endLine: 2, endColumn: 4 }],
    },
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
