import { healthMissingHealthcheck } from '../../../../src/check/rules/health/missing-healthcheck.js';
import { testRule } from '../../support/rule-tester.js';

testRule(healthMissingHealthcheck, {
  valid: [
    {
      name: 'a Dockerfile HEALTHCHECK of a built service',
      compose: 'services:\n  api:\n    build: ./api\n    restart: unless-stopped\n',
      facts: {
        dockerfiles: [
          {
            service: 'api',
            text: 'FROM node:22\nHEALTHCHECK CMD wget -q -O /dev/null http://localhost:3000/health\nCMD ["node", "server.js"]\n',
          },
        ],
      },
    },
    {
      name: 'a known image with its own HEALTHCHECK (Open WebUI)',
      compose: 'services:\n  webui:\n    image: ghcr.io/open-webui/open-webui:v0.11.2\n    restart: unless-stopped\n',
    },
    { name: 'a one-shot job with restart: "no"', compose: 'services:\n  migrate:\n    image: example/migrate:1.0\n    restart: "no"\n' },
    {
      name: 'a job others wait on to complete',
      compose:
        'services:\n  init:\n    image: example/init:1.0\n  app:\n    image: example/app:1.0\n    healthcheck:\n      test: ' +
        '["CMD", "true"]\n    depends_on:\n      init:\n        condition: service_completed_successfully\n',
    },
    {
      name: 'a restart policy of none under deploy',
      compose: 'services:\n  seed:\n    image: example/seed:1.0\n    deploy:\n      restart_policy:\n        condition: none\n',
    },
    {
      name: 'a healthcheck',
      compose:
        'services:\n  web:\n    image: nginx:1.27\n    healthcheck:\n      test: ["CMD", "wget", "-q", "--spider", "http://localhost/"]\n',
    },
  ],
  invalid: [
    {
      name: 'HEALTHCHECK NONE in the last stage',
      compose: 'services:\n  api:\n    build: ./api\n',
      facts: {
        dockerfiles: [{ service: 'api', text: 'FROM node:22 AS build\nHEALTHCHECK CMD true\nFROM node:22-slim\nHEALTHCHECK NONE\n' }],
      },
      errors: [{ messageId: 'missing', data: { service: 'api' }, line: 2, column: 3, endLine: 2, endColumn: 6 }],
    },
    {
      name: 'a HEALTHCHECK only in an earlier build stage',
      compose: 'services:\n  api:\n    build: ./api\n',
      facts: { dockerfiles: [{ service: 'api', text: 'FROM node:22 AS build\nHEALTHCHECK CMD true\nFROM node:22-slim\nCMD ["node"]\n' }] },
      errors: [{ messageId: 'missing', data: { service: 'api' }, line: 2, column: 3, endLine: 2, endColumn: 6 }],
    },
    {
      name: 'a known image whose check compose turns off',
      compose: 'services:\n  webui:\n    image: ghcr.io/open-webui/open-webui:v0.11.2\n    healthcheck:\n      test: ["NONE"]\n',
      errors: [{ messageId: 'missing', data: { service: 'webui' }, line: 2, column: 3, endLine: 2, endColumn: 8 }],
    },
    {
      name: 'restart: on-failure is still long-running',
      compose: 'services:\n  worker:\n    image: example/worker:1.0\n    restart: on-failure\n',
      errors: [{ messageId: 'missing', data: { service: 'worker' }, line: 2, column: 3, endLine: 2, endColumn: 9 }],
    },
    {
      name: 'a Dockerfile that could not be found',
      compose: 'services:\n  api:\n    build: ./api\n',
      facts: { dockerfiles: [{ service: 'api' }] },
      errors: [{ messageId: 'missing', data: { service: 'api' }, line: 2, column: 3, endLine: 2, endColumn: 6 }],
    },
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
