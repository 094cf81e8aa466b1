import { docsUnknownService } from '../../../../src/check/rules/docs/unknown-service.js';
import { testRule } from '../../support/rule-tester.js';

testRule(docsUnknownService, {
  valid: [
    {
      name: "the table matches",
      compose: "services:\n  db:\n    image: postgres:16\n",
      docs: "| Service | Purpose |\n|---|---|\n| db | data |\n\n```sh\ndocker compose logs db\n```\n",
    },
  ],
  invalid: [
    {
      name: "a renamed service",
      compose: "services:\n  db:\n    image: postgres:16\n",
      docs: "| Service | Purpose |\n|---|---|\n| postgres | data |\n\n```sh\ndocker compose logs -f worker\n```\n",
      errors: [
        {
          "messageId": "unknown",
          "data": {
            "name": "postgres",
            "compose": "compose.yaml"
          },
          "file": "README.md",
          "line": 3,
          "column": 3,
          "endLine": 3,
          "endColumn": 11
        },
        {
          "messageId": "unknown",
          "data": {
            "name": "worker",
            "compose": "compose.yaml"
          },
          "file": "README.md",
          "line": 6,
          "column": 24,
          "endLine": 6,
          "endColumn": 30
        }
      ],
    },
  ],
});
