import { docsUnknownUrl } from '../../../../src/check/rules/docs/unknown-url.js';
import { testRule } from '../../support/rule-tester.js';

testRule(docsUnknownUrl, {
  valid: [
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
