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
    {
      name: 'nginx proxies webui; a database it does not proxy publishes a port (all-interfaces judges that)',
      compose:
        'services:\n  proxy:\n    image: nginx:1.27\n    ports:\n      - "443:443"\n    volumes:\n      - ' +
        './nginx:/etc/nginx/conf.d:ro\n  webui:\n    image: ghcr.io/open-webui/open-webui:v0.11.2\n  db:\n    image: ' +
        'postgres:16.4\n    ports:\n      - "5432:5432"\n',
      facts: {
        proxyConfigs: [
          {
            file: 'nginx/default.conf',
            text: 'server {\n  server_name chat.example.com;\n  location / { proxy_pass http://webui:8080; }\n}\n',
          },
        ],
      },
    },
    {
      name: 'nginx proxies webui, which publishes only on 127.0.0.1 and [::1]',
      compose:
        'services:\n  proxy:\n    image: nginx:1.27\n    ports:\n      - "443:443"\n    volumes:\n      - ' +
        './nginx:/etc/nginx/conf.d:ro\n  webui:\n    image: ghcr.io/open-webui/open-webui:v0.11.2\n    ports:\n      - ' +
        '"127.0.0.1:3000:8080"\n      - "[::1]:3000:8080"\n',
      facts: {
        proxyConfigs: [
          {
            file: 'nginx/default.conf',
            text: 'server {\n  server_name chat.example.com;\n  location / { proxy_pass http://webui:8080; }\n}\n',
          },
        ],
      },
    },
    {
      name: 'a second nginx (a static frontend) that the proxy config does not route',
      compose:
        'services:\n  proxy:\n    image: nginx:1.27\n    ports:\n      - "443:443"\n    volumes:\n      - ' +
        './nginx:/etc/nginx/conf.d:ro\n  webui:\n    image: ghcr.io/open-webui/open-webui:v0.11.2\n  docs:\n    image: ' +
        'nginx:1.27\n    ports:\n      - "8081:80"\n',
      facts: {
        proxyConfigs: [
          {
            file: 'nginx/default.conf',
            text: 'server {\n  server_name chat.example.com;\n  location / { proxy_pass http://webui:8080; }\n}\n',
          },
        ],
      },
    },
    {
      name: 'Traefik labels with traefik.enable=false declare no route',
      compose:
        'services:\n  traefik:\n    image: traefik:v3.1\n    ports:\n      - "443:443"\n  app:\n    image: ' +
        'ghcr.io/example/app:1.0\n    labels:\n      traefik.enable: "false"\n      traefik.http.routers.app.rule: ' +
        'Host(`app.example.com`)\n    ports:\n      - "3000:3000"\n  web:\n    image: ghcr.io/example/web:1.0\n    ' +
        'labels:\n      traefik.http.routers.web.rule: Host(`web.example.com`)\n',
    },
  ],
  invalid: [
    {
      name: 'nginx proxies webui (its config mounted into the proxy), and webui publishes its port',
      compose:
        'services:\n  proxy:\n    image: nginx:1.27\n    ports:\n      - "443:443"\n    volumes:\n      - ' +
        './nginx:/etc/nginx/conf.d:ro\n  webui:\n    image: ghcr.io/open-webui/open-webui:v0.11.2\n    ports:\n      - ' +
        '"3000:8080"\n  db:\n    image: postgres:16.4\n    ports:\n      - "5432:5432"\n',
      facts: {
        proxyConfigs: [
          {
            file: 'nginx/default.conf',
            text: 'server {\n  server_name chat.example.com;\n  location / { proxy_pass http://webui:8080; }\n}\n',
          },
        ],
      },
      errors: [
        { messageId: 'bypass', data: { service: 'webui', proxy: 'proxy', port: 3000 }, line: 11, column: 9, endLine: 11, endColumn: 20 },
      ],
    },
    {
      name: 'nginx reaches the service by its container_name through an upstream block',
      compose:
        'services:\n  proxy:\n    image: nginx:1.27\n    ports:\n      - "443:443"\n    volumes:\n      - ' +
        './nginx:/etc/nginx/conf.d:ro\n  chat:\n    image: ghcr.io/open-webui/open-webui:v0.11.2\n    container_name: ' +
        'webui\n    ports:\n      - "0.0.0.0:3000:8080"\n',
      facts: {
        proxyConfigs: [
          {
            file: 'nginx/default.conf',
            text: 'upstream chat_pool { server webui:8080; }\nserver {\n  location / { proxy_pass http://chat_pool; }\n}\n',
          },
        ],
      },
      errors: [
        { messageId: 'bypass', data: { service: 'chat', proxy: 'proxy', port: 3000 }, line: 12, column: 9, endLine: 12, endColumn: 28 },
      ],
    },
    {
      name: 'a Caddyfile reverse_proxy to api, which publishes its port',
      compose:
        'services:\n  caddy:\n    image: caddy:2.8\n    volumes:\n      - ./Caddyfile:/etc/caddy/Caddyfile:ro\n  api:\n    ' +
        'image: ghcr.io/example/api:1\n    ports:\n      - "3000:3000"\n',
      facts: { proxyConfigs: [{ file: 'Caddyfile', text: 'api.example.com {\n\treverse_proxy api:3000\n}\n' }] },
      errors: [
        { messageId: 'bypass', data: { service: 'api', proxy: 'caddy', port: 3000 }, line: 9, column: 9, endLine: 9, endColumn: 20 },
      ],
    },
    {
      name: 'Traefik labels route app, which also publishes its port',
      compose:
        'services:\n  traefik:\n    image: traefik:v3.1\n    ports:\n      - "443:443"\n  app:\n    image: ' +
        'ghcr.io/example/app:1.0\n    labels:\n      traefik.http.routers.app.rule: Host(`app.example.com`)\n    ports:\n   ' +
        '   - "3000:3000"\n  db:\n    image: postgres:16.4\n    ports:\n      - "5432:5432"\n',
      errors: [
        { messageId: 'bypass', data: { service: 'app', proxy: 'traefik', port: 3000 }, line: 11, column: 9, endLine: 11, endColumn: 20 },
      ],
    },
    {
      name: 'an explicit 0.0.0.0',
      compose:
        'services:\n  proxy:\n    image: nginx:1.27\n    ports:\n      - "443:443"\n  api:\n    image: ' +
        'ghcr.io/example/api:1\n    ports:\n      - "0.0.0.0:8080:8080"\n',
      errors: [
        { messageId: 'bypass', data: { service: 'api', proxy: 'proxy', port: 8080 }, line: 9, column: 9, endLine: 9, endColumn: 28 },
      ],
    },
    {
      name: 'a specific LAN address is still public',
      compose:
        'services:\n  proxy:\n    image: nginx:1.27\n    ports:\n      - "443:443"\n  api:\n    image: ' +
        'ghcr.io/example/api:1\n    ports:\n      - "192.168.1.10:8080:8080"\n',
      errors: [
        { messageId: 'bypass', data: { service: 'api', proxy: 'proxy', port: 8080 }, line: 9, column: 9, endLine: 9, endColumn: 33 },
      ],
    },
    {
      name: 'an aistack project: the routed service publishes its port',
      compose:
        'services:\n  proxy:\n    image: nginx:1.27\n    ports:\n      - "443:443"\n  webui:\n    image: ' +
        'ghcr.io/open-webui/open-webui:v0.11.2\n    ports:\n      - "3000:8080"\n',
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
        'services:\n  proxy:\n    image: nginx:1.27\n    ports:\n      - "443:443"\n  app:\n    image: ' +
        'ghcr.io/example/app:1.0\n    ports:\n      - "3000:3000"\n',
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
