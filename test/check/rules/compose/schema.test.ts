import { composeSchema } from '../../../../src/check/rules/compose/schema.js';
import { testRule } from '../../support/rule-tester.js';

testRule(composeSchema, {
  valid: [
    {
      name: 'x- extension keys at every level',
      compose: 'x-common: &common\n  restart: unless-stopped\nservices:\n  web:\n    image: nginx:1.27\n    x-note: hi\n    <<: *common\n',
    },
    {
      name: 'the long port syntax and a top-level name',
      compose:
        'name: demo\nservices:\n  web:\n    image: nginx:1.27\n    ports:\n      - target: 80\n        published: "8080"\n        host_ip: 127.0.0.1\n',
    },
    {
      name: 'top-level secrets, volumes and networks',
      compose:
        'services:\n  web:\n    image: nginx:1.27\n    secrets: [s]\n    volumes: [data:/data]\n    networks: ' +
        '[back]\nsecrets:\n  s:\n    file: ./s.txt\nvolumes:\n  data: {}\nnetworks:\n  back: {}\n',
    },
    {
      name: 'a service with an image',
      compose: 'services:\n  web:\n    image: nginx:1.27\n    restart: unless-stopped\n',
    },
  ],
  invalid: [
    {
      name: 'a misspelt service key',
      compose: 'services:\n  web:\n    image: nginx:1.27\n    restrat: always\n',
      errors: [
        {
          messageId: 'invalid',
          data: { path: 'services.web.restrat', message: 'is not a Compose key (misspelt, or in the wrong place)' },
          line: 4,
          column: 5,
          endLine: 4,
          endColumn: 12,
        },
      ],
    },
    {
      name: 'ports that is not a list',
      compose: 'services:\n  web:\n    image: nginx:1.27\n    ports: 80\n',
      errors: [
        {
          messageId: 'invalid',
          data: { path: 'services.web.ports', message: 'must be array' },
          line: 4,
          column: 12,
          endLine: 4,
          endColumn: 14,
        },
      ],
    },
    {
      name: 'a misspelt top-level key',
      compose: 'service:\n  web:\n    image: nginx:1.27\n',
      errors: [
        {
          messageId: 'invalid',
          data: { path: 'service', message: 'is not a Compose key (misspelt, or in the wrong place)' },
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 8,
        },
      ],
    },
    {
      name: 'an unknown key and a wrong type',
      compose: 'services:\n  web:\n    image: nginx:1.27\n    restrat: always\n    ports: 8080\n',
      errors: [
        {
          messageId: 'invalid',
          data: {
            path: 'services.web.restrat',
            message: 'is not a Compose key (misspelt, or in the wrong place)',
          },
          line: 4,
          column: 5,
          endLine: 4,
          endColumn: 12,
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
