import { docsUnknownPort } from '../../../../src/check/rules/docs/unknown-port.js';
import { testRule } from '../../support/rule-tester.js';

testRule(docsUnknownPort, {
  valid: [
    {
      name: "the documented port is published",
      compose: "services:\n  web:\n    image: nginx:1.27\n    ports:\n      - \"127.0.0.1:8080:80\"\n",
      docs: "Connect to `localhost:8080`.\n",
    },
  ],
  invalid: [
    {
      name: "a port from an old version",
      compose: "services:\n  web:\n    image: nginx:1.27\n    ports:\n      - \"127.0.0.1:8080:80\"\n",
      docs: "| Service | Port |\n|---|---|\n| web | 3000 |\n\nOr connect to `127.0.0.1:9090`.\n",
      errors: [
        {
          "messageId": "unknown",
          "data": {
            "port": 3000
          },
          "file": "README.md",
          "line": 3,
          "column": 9,
          "endLine": 3,
          "endColumn": 13
        },
        {
          "messageId": "unknown",
          "data": {
            "port": 9090
          },
          "file": "README.md",
          "line": 5,
          "column": 16,
          "endLine": 5,
          "endColumn": 30
        }
      ],
    },
  ],
});
