import { docsUndocumentedService } from '../../../../src/check/rules/docs/undocumented-service.js';
import { testRule } from '../../support/rule-tester.js';

testRule(docsUndocumentedService, {
  valid: [
    {
      name: "every service is mentioned",
      compose: "services:\n  db:\n    image: postgres:16\n",
      docs: "The `db` service holds the data.\n",
    },
  ],
  invalid: [
    {
      name: "a service is missing",
      compose: "services:\n  db:\n    image: postgres:16\n  cache:\n    image: redis:7\n",
      docs: "The `db` service holds the data.\n",
      errors: [
        {
          "messageId": "undocumented",
          "data": {
            "service": "cache",
            "files": "README.md"
          },
          "line": 4,
          "column": 3,
          "endLine": 4,
          "endColumn": 8
        }
      ],
    },
  ],
});
