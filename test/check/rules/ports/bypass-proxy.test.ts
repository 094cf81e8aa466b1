import { portsBypassProxy } from '../../../../src/check/rules/ports/bypass-proxy.js';
import { testRule } from '../../support/rule-tester.js';

testRule(portsBypassProxy, {
  valid: [
    {
      name: 'a loopback port next to the proxy',
      compose:
        'services:\n  proxy:\n    image: nginx:1.27\n    ports:\n      - "443:443"\n  api:\n    image: nginx:1.27\n    ports:\n      - "127.0.0.1:8080:8080"\n',
    },
    {
      name: 'an expose-only service',
      compose:
        'services:\n  proxy:\n    image: nginx:1.27\n    ports:\n      - "443:443"\n  api:\n    image: nginx:1.27\n    expose: ["8080"]\n',
    },
    { name: 'no proxy in the project', compose: 'services:\n  api:\n    image: ghcr.io/example/api:1\n    ports:\n      - "8080:8080"\n' },
    {
      name: 'an aistack project: a service the proxy does not route',
      compose:
        'services:\n  proxy:\n    image: nginx:1.27\n    ports:\n      - "443:443"\n  metrics:\n    image: nginx:1.27\n    ports:\n      - "9100:9100"\n',
      project: { domain: 'ai.example.com', proxyService: 'proxy', routes: [], portPlan: [{ from: 20000, to: 20099 }] },
    },
    {
      name: 'only the proxy publishes',
      compose: 'services:\n  proxy:\n    image: nginx:1.27\n    ports:\n      - "443:443"\n  app:\n    image: ghcr.io/example/app:1.0\n',
    },
  ],
  invalid: [
    {
      name: 'an explicit 0.0.0.0',
      compose:
        'services:\n  proxy:\n    image: nginx:1.27\n    ports:\n      - "443:443"\n  api:\n    image: ghcr.io/example/api:1\n    ports:\n      - "0.0.0.0:8080:8080"\n',
      errors: [
        { messageId: 'bypass', data: { service: 'api', proxy: 'proxy', port: 8080 }, line: 9, column: 9, endLine: 9, endColumn: 28 },
      ],
    },
    {
      name: 'a specific LAN address is still public',
      compose:
        'services:\n  proxy:\n    image: nginx:1.27\n    ports:\n      - "443:443"\n  api:\n    image: ghcr.io/example/api:1\n    ports:\n      - "192.168.1.10:8080:8080"\n',
      errors: [
        { messageId: 'bypass', data: { service: 'api', proxy: 'proxy', port: 8080 }, line: 9, column: 9, endLine: 9, endColumn: 33 },
      ],
    },
    {
      name: 'an aistack project: the routed service publishes its port',
      compose:
        'services:\n  proxy:\n    image: nginx:1.27\n    ports:\n      - "443:443"\n  webui:\n    image: ghcr.io/open-webui/open-webui:v0.11.2\n    ports:\n      - "3000:8080"\n',
      project: {
        domain: 'ai.example.com',
        proxyService: 'proxy',
        routes: [{ service: 'webui', host: 'chat.ai.example.com', path: '/', url: 'https://chat.ai.example.com/' }],
        portPlan: [{ from: 20000, to: 20099 }],
      },
      errors: [
        { messageId: 'bypass', data: { service: 'webui', proxy: 'proxy', port: 3000 }, line: 9, column: 9, endLine: 9, endColumn: 20 },
      ],
    },
    {
      name: 'the app publishes its port too',
      compose:
        'services:\n  proxy:\n    image: nginx:1.27\n    ports:\n      - "443:443"\n  app:\n    image: ghcr.io/example/app:1.0\n    ports:\n      - "3000:3000"\n',
      errors: [
        {
          messageId: 'bypass',
          data: {
            service: 'app',
            proxy: 'proxy',
            port: 3000,
          },
          line: 9,
          column: 9,
          endLine: 9,
          endColumn: 20,
        },
      ],
    },
  ],
});
