import { docsUnknownPort } from '../../../../src/check/rules/docs/unknown-port.js';
import { testRule } from '../../support/rule-tester.js';

testRule(docsUnknownPort, {
  valid: [
    {
      name: 'a port in a table that a service publishes',
      compose: 'services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "8080:80"\n',
      docs: '| Service | Port |\n|---|---|\n| web | 8080 |\n',
    },
    {
      name: 'a loopback port the compose file uses inside a container',
      compose: 'services:\n  web:\n    image: nginx:1.27\n    healthcheck:\n      test: wget -q http://127.0.0.1:8081/health\n',
      docs: 'Health: `localhost:8081`.\n',
    },
    {
      name: 'a port inside a published range',
      compose: 'services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "9000-9010:9000-9010"\n',
      docs: 'Open localhost:9005.\n',
    },
    {
      name: 'the documented port is published',
      compose: 'services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "127.0.0.1:8080:80"\n',
      docs: 'Connect to `localhost:8080`.\n',
    },
  ],
  invalid: [
    {
      name: 'the container port is not a host port',
      compose: 'services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "8080:80"\n',
      docs: 'Open localhost:80.\n',
      errors: [{ messageId: 'unknown', data: { port: 80 }, file: 'README.md', line: 1, column: 6, endLine: 1, endColumn: 18 }],
    },
    {
      name: 'a port just past a range',
      compose: 'services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "9000-9010:9000-9010"\n',
      docs: 'Open localhost:9011.\n',
      errors: [{ messageId: 'unknown', data: { port: 9011 }, file: 'README.md', line: 1, column: 6, endLine: 1, endColumn: 20 }],
    },
    {
      name: 'a wrong port in a Port column',
      compose: 'services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "8080:80"\n',
      docs: '| Service | Port |\n|---|---|\n| web | 8000 |\n',
      errors: [{ messageId: 'unknown', data: { port: 8000 }, file: 'README.md', line: 3, column: 9, endLine: 3, endColumn: 13 }],
    },
    {
      name: 'a port from an old version',
      compose: 'services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "127.0.0.1:8080:80"\n',
      docs: '| Service | Port |\n|---|---|\n| web | 3000 |\n\nOr connect to `127.0.0.1:9090`.\n',
      errors: [
        {
          messageId: 'unknown',
          data: {
            port: 3000,
          },
          file: 'README.md',
          line: 3,
          column: 9,
          endLine: 3,
          endColumn: 13,
        },
        {
          messageId: 'unknown',
          data: {
            port: 9090,
          },
          file: 'README.md',
          line: 5,
          column: 16,
          endLine: 5,
          endColumn: 30,
        },
      ],
    },
  ],
});
