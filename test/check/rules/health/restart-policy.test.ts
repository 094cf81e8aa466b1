import { healthRestartPolicy } from '../../../../src/check/rules/health/restart-policy.js';
import { testRule } from '../../support/rule-tester.js';

testRule(healthRestartPolicy, {
  valid: [
    { name: 'restart: "no" says it is a job', compose: 'services:\n  migrate:\n    image: example/migrate:1.0\n    restart: "no"\n' },
    {
      name: 'deploy.restart_policy',
      compose: 'services:\n  web:\n    image: example/web:1.0\n    deploy:\n      restart_policy:\n        condition: on-failure\n',
    },
    {
      name: 'a job others wait on to complete',
      compose:
        'services:\n  init:\n    image: example/init:1.0\n  app:\n    image: example/app:1.0\n    restart: always\n    ' +
        'depends_on:\n      init:\n        condition: service_completed_successfully\n',
    },
    { name: 'restart: always', compose: 'services:\n  web:\n    image: example/web:1.0\n    restart: always\n' },
    {
      name: 'restart unless-stopped',
      compose: 'services:\n  web:\n    image: nginx:1.27\n    restart: unless-stopped\n',
    },
  ],
  invalid: [
    {
      name: 'a job started with service_started is not known to be one',
      compose:
        'services:\n  init:\n    image: example/init:1.0\n  app:\n    image: example/app:1.0\n    restart: always\n    depends_on: [init]\n',
      errors: [{ messageId: 'missing', data: { service: 'init' }, line: 2, column: 3, endLine: 2, endColumn: 7 }],
    },
    {
      name: 'deploy without a restart policy',
      compose: 'services:\n  web:\n    image: example/web:1.0\n    deploy:\n      replicas: 2\n',
      errors: [{ messageId: 'missing', data: { service: 'web' }, line: 2, column: 3, endLine: 2, endColumn: 6 }],
    },
    {
      name: 'two services without',
      compose: 'services:\n  a:\n    image: example/a:1.0\n  b:\n    image: example/b:1.0\n',
      errors: [
        { messageId: 'missing', data: { service: 'a' }, line: 2, column: 3, endLine: 2, endColumn: 4 },
        { messageId: 'missing', data: { service: 'b' }, line: 4, column: 3, endLine: 4, endColumn: 4 },
      ],
    },
    {
      name: 'a service from an override file',
      compose: 'services:\n  a:\n    image: example/a:1.0\n    restart: always\n',
      files: { 'o.yaml': 'services:\n  b:\n    image: example/b:1.0\n' },
      overrides: ['o.yaml'],
      errors: [{ messageId: 'missing', data: { service: 'b' }, file: 'o.yaml', line: 2, column: 3, endLine: 2, endColumn: 4 }],
    },
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
