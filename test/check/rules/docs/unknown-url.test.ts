import { docsUnknownUrl } from '../../../../src/check/rules/docs/unknown-url.js';
import { testRule } from '../../support/rule-tester.js';

testRule(docsUnknownUrl, {
  valid: [
    {
      name: 'localhost on a published port',
      compose: 'services:\n  web:\n    image: example/web:1.0\n    ports:\n      - "8080:80"\n',
      docs: 'Open http://localhost:8080/app.\n',
    },
    {
      name: 'https on localhost goes to 443 the proxy publishes',
      compose: 'services:\n  proxy:\n    image: example/proxy:1.0\n    ports:\n      - "443:443"\n',
      docs: 'Open https://localhost/.\n',
    },
    {
      name: 'a route path and a path below it',
      compose: 'services:\n  proxy:\n    image: example/proxy:1.0\n    ports:\n      - "443:443"\n',
      project: {
        domain: 'ai.example.com',
        proxyService: 'proxy',
        routes: [
          { service: 'n8n', host: 'ai.example.com', path: '/n8n/', url: 'https://ai.example.com/n8n/' },
          { service: 'webui', host: 'chat.ai.example.com', path: '/', url: 'https://chat.ai.example.com/' },
        ],
        portPlan: [],
      },
      docs: 'See https://ai.example.com/n8n and https://ai.example.com/n8n/workflows.\n',
    },
    {
      name: 'an external site is not ours to judge',
      compose: 'services:\n  web:\n    image: example/web:1.0\n',
      project: {
        domain: 'ai.example.com',
        proxyService: 'proxy',
        routes: [
          { service: 'n8n', host: 'ai.example.com', path: '/n8n/', url: 'https://ai.example.com/n8n/' },
          { service: 'webui', host: 'chat.ai.example.com', path: '/', url: 'https://chat.ai.example.com/' },
        ],
        portPlan: [],
      },
      docs: 'See https://docs.example.org/anything.\n',
    },
    {
      name: 'local port and routed host',
      compose: 'services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "127.0.0.1:8080:80"\n',
      docs: 'Open http://localhost:8080/ or [chat](https://chat.ai.example.com/c/new).\n',
      project: {
        domain: 'ai.example.com',
        proxyService: 'proxy',
        routes: [
          {
            service: 'webui',
            host: 'chat.ai.example.com',
            path: '/',
            url: 'https://chat.ai.example.com/',
          },
        ],
        portPlan: [
          {
            from: 8000,
            to: 8099,
          },
        ],
      },
    },
    {
      name: 'a foreign project: hosts and paths its nginx config serves',
      compose: 'services:\n  proxy:\n    image: nginx:1.27\n    ports:\n      - "443:443"\n',
      facts: {
        proxyConfigs: [
          {
            file: 'nginx/default.conf',
            text:
              'server {\n  server_name chat.example.com;\n  location / { proxy_pass http://webui:8080; }\n}\nserver {\n  ' +
              'server_name api.example.com;\n  location /v1/ { proxy_pass http://api:3000; }\n  location = /health { return 200; }\n}\n',
          },
        ],
      },
      docs: 'Open https://chat.example.com/c/new, call https://api.example.com/v1/models and check https://api.example.com/health.\n',
    },
    {
      name: 'a foreign project: a host its proxy config does not name is not judged',
      compose: 'services:\n  proxy:\n    image: nginx:1.27\n    ports:\n      - "443:443"\n',
      facts: {
        proxyConfigs: [
          {
            file: 'nginx/default.conf',
            text:
              'server {\n  server_name chat.example.com;\n  location / { proxy_pass http://webui:8080; }\n}\nserver {\n  ' +
              'server_name api.example.com;\n  location /v1/ { proxy_pass http://api:3000; }\n  location = /health { return 200; }\n}\n',
          },
        ],
      },
      docs: 'See https://github.com/example/project/wiki.\n',
    },
    {
      name: 'a Caddyfile site with a handle block',
      compose: 'services:\n  proxy:\n    image: nginx:1.27\n    ports:\n      - "443:443"\n',
      facts: {
        proxyConfigs: [{ file: 'Caddyfile', text: 'flows.example.com {\n\thandle /webhook/* {\n\t\treverse_proxy n8n:5678\n\t}\n}\n' }],
      },
      docs: 'Point the webhook at https://flows.example.com/webhook/abc.\n',
    },
    {
      name: 'Traefik labels: a PathPrefix router without Host serves every named host',
      compose:
        'services:\n  app:\n    image: ghcr.io/example/app:1.0\n    labels:\n      traefik.http.routers.app.rule: ' +
        'Host(`app.example.com`) && PathPrefix(`/ui`)\n  api:\n    image: ghcr.io/example/api:1\n    labels:\n      ' +
        'traefik.http.routers.api.rule: PathPrefix(`/api`)\n',
      docs: 'Open https://app.example.com/ui/ or https://app.example.com/api/v1.\n',
    },
  ],
  invalid: [
    {
      name: 'a foreign project: a path its nginx config does not serve for that host',
      compose: 'services:\n  proxy:\n    image: nginx:1.27\n    ports:\n      - "443:443"\n',
      facts: {
        proxyConfigs: [
          {
            file: 'nginx/default.conf',
            text:
              'server {\n  server_name chat.example.com;\n  location / { proxy_pass http://webui:8080; }\n}\nserver {\n  ' +
              'server_name api.example.com;\n  location /v1/ { proxy_pass http://api:3000; }\n  location = /health { return 200; }\n}\n',
          },
        ],
      },
      docs: 'Call https://api.example.com/v2/models.\n',
      errors: [
        {
          messageId: 'proxyRoute',
          data: { url: 'https://api.example.com/v2/models', config: 'nginx/default.conf', host: 'api.example.com', path: '/v2/models' },
          file: 'README.md',
          line: 1,
          column: 6,
          endLine: 1,
          endColumn: 39,
        },
      ],
    },
    {
      name: 'an exact location does not serve the paths below it',
      compose: 'services:\n  proxy:\n    image: nginx:1.27\n    ports:\n      - "443:443"\n',
      facts: {
        proxyConfigs: [
          {
            file: 'nginx/default.conf',
            text:
              'server {\n  server_name chat.example.com;\n  location / { proxy_pass http://webui:8080; }\n}\nserver {\n  ' +
              'server_name api.example.com;\n  location /v1/ { proxy_pass http://api:3000; }\n  location = /health { return 200; }\n}\n',
          },
        ],
      },
      docs: 'Health: https://api.example.com/health/live\n',
      errors: [
        {
          messageId: 'proxyRoute',
          data: { url: 'https://api.example.com/health/live', config: 'nginx/default.conf', host: 'api.example.com', path: '/health/live' },
          file: 'README.md',
          line: 1,
          column: 9,
          endLine: 1,
          endColumn: 44,
        },
      ],
    },
    {
      name: 'a Caddyfile serves only /webhook/ on that host',
      compose: 'services:\n  proxy:\n    image: nginx:1.27\n    ports:\n      - "443:443"\n',
      facts: {
        proxyConfigs: [{ file: 'Caddyfile', text: 'flows.example.com {\n\thandle /webhook/* {\n\t\treverse_proxy n8n:5678\n\t}\n}\n' }],
      },
      docs: 'Open [the editor](https://flows.example.com/workflows).\n',
      errors: [
        {
          messageId: 'proxyRoute',
          data: { url: 'https://flows.example.com/workflows', config: 'Caddyfile', host: 'flows.example.com', path: '/workflows' },
          file: 'README.md',
          line: 1,
          column: 6,
          endLine: 1,
          endColumn: 55,
        },
      ],
    },
    {
      name: 'a Traefik dynamic file routes only /v1/ for the host',
      compose: 'services:\n  traefik:\n    image: traefik:v3.1\n',
      facts: {
        proxyConfigs: [
          {
            file: 'traefik/dynamic.yml',
            text: 'http:\n  routers:\n    api:\n      rule: Host(`api.example.com`) && PathPrefix(`/v1/`)\n      service: api\n',
          },
        ],
      },
      docs: 'Call https://api.example.com/graphql.\n',
      errors: [
        {
          messageId: 'proxyRoute',
          data: { url: 'https://api.example.com/graphql', config: 'traefik/dynamic.yml', host: 'api.example.com', path: '/graphql' },
          file: 'README.md',
          line: 1,
          column: 6,
          endLine: 1,
          endColumn: 37,
        },
      ],
    },
    {
      name: 'http on localhost without a port needs 80',
      compose: 'services:\n  web:\n    image: example/web:1.0\n    ports:\n      - "8080:80"\n',
      docs: 'Open http://localhost/.\n',
      errors: [
        {
          messageId: 'port',
          data: { url: 'http://localhost/', port: 80 },
          file: 'README.md',
          line: 1,
          column: 6,
          endLine: 1,
          endColumn: 23,
        },
      ],
    },
    {
      name: '127.0.0.1 on a port nothing publishes',
      compose: 'services:\n  web:\n    image: example/web:1.0\n    ports:\n      - "8080:80"\n',
      docs: '[the UI](http://127.0.0.1:9090/)\n',
      errors: [
        {
          messageId: 'port',
          data: { url: 'http://127.0.0.1:9090/', port: 9090 },
          file: 'README.md',
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 33,
        },
      ],
    },
    {
      name: 'a path the proxy does not route',
      compose: 'services:\n  proxy:\n    image: example/proxy:1.0\n    ports:\n      - "443:443"\n',
      project: {
        domain: 'ai.example.com',
        proxyService: 'proxy',
        routes: [
          { service: 'n8n', host: 'ai.example.com', path: '/n8n/', url: 'https://ai.example.com/n8n/' },
          { service: 'webui', host: 'chat.ai.example.com', path: '/', url: 'https://chat.ai.example.com/' },
        ],
        portPlan: [],
      },
      docs: 'Flows live at https://ai.example.com/flowise/.\n',
      errors: [
        {
          messageId: 'route',
          data: { url: 'https://ai.example.com/flowise/', host: 'ai.example.com', path: '/flowise/' },
          file: 'README.md',
          line: 1,
          column: 15,
          endLine: 1,
          endColumn: 46,
        },
      ],
    },
    {
      name: 'a subdomain of the stack that no route serves',
      compose: 'services:\n  proxy:\n    image: example/proxy:1.0\n    ports:\n      - "443:443"\n',
      project: {
        domain: 'ai.example.com',
        proxyService: 'proxy',
        routes: [
          { service: 'n8n', host: 'ai.example.com', path: '/n8n/', url: 'https://ai.example.com/n8n/' },
          { service: 'webui', host: 'chat.ai.example.com', path: '/', url: 'https://chat.ai.example.com/' },
        ],
        portPlan: [],
      },
      docs: 'Open https://n8n.ai.example.com/.\n',
      errors: [
        {
          messageId: 'route',
          data: { url: 'https://n8n.ai.example.com/', host: 'n8n.ai.example.com', path: '/' },
          file: 'README.md',
          line: 1,
          column: 6,
          endLine: 1,
          endColumn: 33,
        },
      ],
    },
    {
      name: 'a dead port and an unrouted host',
      compose: 'services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "127.0.0.1:8080:80"\n',
      docs: 'Open http://localhost:3000/ or [flows](https://flows.ai.example.com/).\n',
      project: {
        domain: 'ai.example.com',
        proxyService: 'proxy',
        routes: [
          {
            service: 'webui',
            host: 'chat.ai.example.com',
            path: '/',
            url: 'https://chat.ai.example.com/',
          },
        ],
        portPlan: [
          {
            from: 8000,
            to: 8099,
          },
        ],
      },
      errors: [
        {
          messageId: 'port',
          data: {
            url: 'http://localhost:3000/',
            port: 3000,
          },
          file: 'README.md',
          line: 1,
          column: 6,
          endLine: 1,
          endColumn: 28,
        },
        {
          messageId: 'route',
          data: {
            url: 'https://flows.ai.example.com/',
            host: 'flows.ai.example.com',
            path: '/',
          },
          file: 'README.md',
          line: 1,
          column: 32,
          endLine: 1,
          endColumn: 70,
        },
      ],
    },
  ],
});
