import { docsUnknownUrl } from '../../../../src/check/rules/docs/unknown-url.js';
import { testRule } from '../../support/rule-tester.js';

testRule(docsUnknownUrl, {
  valid: [
{"name":"localhost on a published port","compose":"services:\n  web:\n    image: example/web:1.0\n    ports:\n      - \"8080:80\"\n","docs":"Open http://localhost:8080/app.\n"},
{"name":"https on localhost goes to 443 the proxy publishes","compose":"services:\n  proxy:\n    image: example/proxy:1.0\n    ports:\n      - \"443:443\"\n","docs":"Open https://localhost/.\n"},
{"name":"a route path and a path below it","compose":"services:\n  proxy:\n    image: example/proxy:1.0\n    ports:\n      - \"443:443\"\n","project":{"domain":"ai.example.com","proxyService":"proxy","routes":[{"service":"n8n","host":"ai.example.com","path":"/n8n/","url":"https://ai.example.com/n8n/"},{"service":"webui","host":"chat.ai.example.com","path":"/","url":"https://chat.ai.example.com/"}],"portPlan":[]},"docs":"See https://ai.example.com/n8n and https://ai.example.com/n8n/workflows.\n"},
{"name":"an external site is not ours to judge","compose":"services:\n  web:\n    image: example/web:1.0\n","project":{"domain":"ai.example.com","proxyService":"proxy","routes":[{"service":"n8n","host":"ai.example.com","path":"/n8n/","url":"https://ai.example.com/n8n/"},{"service":"webui","host":"chat.ai.example.com","path":"/","url":"https://chat.ai.example.com/"}],"portPlan":[]},"docs":"See https://docs.example.org/anything.\n"},
    {
      name: "local port and routed host",
      compose: "services:\n  web:\n    image: nginx:1.27\n    ports:\n      - \"127.0.0.1:8080:80\"\n",
      docs: "Open http://localhost:8080/ or [chat](https://chat.ai.example.com/c/new).\n",
      project: {
        "domain": "ai.example.com",
        "proxyService": "proxy",
        "routes": [
          {
            "service": "webui",
            "host": "chat.ai.example.com",
            "path": "/",
            "url": "https://chat.ai.example.com/"
          }
        ],
        "portPlan": [
          {
            "from": 8000,
            "to": 8099
          }
        ]
      },
    },
  ],
  invalid: [
{"name":"http on localhost without a port needs 80","compose":"services:\n  web:\n    image: example/web:1.0\n    ports:\n      - \"8080:80\"\n","docs":"Open http://localhost/.\n","errors":[{"messageId":"port","data":{"url":"http://localhost/","port":80},"file":"README.md","line":1,"column":6,"endLine":1,"endColumn":23}]},
{"name":"127.0.0.1 on a port nothing publishes","compose":"services:\n  web:\n    image: example/web:1.0\n    ports:\n      - \"8080:80\"\n","docs":"[the UI](http://127.0.0.1:9090/)\n","errors":[{"messageId":"port","data":{"url":"http://127.0.0.1:9090/","port":9090},"file":"README.md","line":1,"column":1,"endLine":1,"endColumn":33}]},
{"name":"a path the proxy does not route","compose":"services:\n  proxy:\n    image: example/proxy:1.0\n    ports:\n      - \"443:443\"\n","project":{"domain":"ai.example.com","proxyService":"proxy","routes":[{"service":"n8n","host":"ai.example.com","path":"/n8n/","url":"https://ai.example.com/n8n/"},{"service":"webui","host":"chat.ai.example.com","path":"/","url":"https://chat.ai.example.com/"}],"portPlan":[]},"docs":"Flows live at https://ai.example.com/flowise/.\n","errors":[{"messageId":"route","data":{"url":"https://ai.example.com/flowise/","host":"ai.example.com","path":"/flowise/"},"file":"README.md","line":1,"column":15,"endLine":1,"endColumn":46}]},
{"name":"a subdomain of the stack that no route serves","compose":"services:\n  proxy:\n    image: example/proxy:1.0\n    ports:\n      - \"443:443\"\n","project":{"domain":"ai.example.com","proxyService":"proxy","routes":[{"service":"n8n","host":"ai.example.com","path":"/n8n/","url":"https://ai.example.com/n8n/"},{"service":"webui","host":"chat.ai.example.com","path":"/","url":"https://chat.ai.example.com/"}],"portPlan":[]},"docs":"Open https://n8n.ai.example.com/.\n","errors":[{"messageId":"route","data":{"url":"https://n8n.ai.example.com/","host":"n8n.ai.example.com","path":"/"},"file":"README.md","line":1,"column":6,"endLine":1,"endColumn":33}]},
    {
      name: "a dead port and an unrouted host",
      compose: "services:\n  web:\n    image: nginx:1.27\n    ports:\n      - \"127.0.0.1:8080:80\"\n",
      docs: "Open http://localhost:3000/ or [flows](https://flows.ai.example.com/).\n",
      project: {
        "domain": "ai.example.com",
        "proxyService": "proxy",
        "routes": [
          {
            "service": "webui",
            "host": "chat.ai.example.com",
            "path": "/",
            "url": "https://chat.ai.example.com/"
          }
        ],
        "portPlan": [
          {
            "from": 8000,
            "to": 8099
          }
        ]
      },
      errors: [
        {
          "messageId": "port",
          "data": {
            "url": "http://localhost:3000/",
            "port": 3000
          },
          "file": "README.md",
          "line": 1,
          "column": 6,
          "endLine": 1,
          "endColumn": 28
        },
        {
          "messageId": "route",
          "data": {
            "url": "https://flows.ai.example.com/",
            "host": "flows.ai.example.com",
            "path": "/"
          },
          "file": "README.md",
          "line": 1,
          "column": 32,
          "endLine": 1,
          "endColumn": 70
        }
      ],
    },
  ],
});
