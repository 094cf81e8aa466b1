import { docsUnknownVariable } from '../../../../src/check/rules/docs/unknown-variable.js';
import { testRule } from '../../support/rule-tester.js';

testRule(docsUnknownVariable, {
  valid: [
    {
      name: "the variable is used",
      compose: "services:\n  web:\n    image: ghcr.io/example/app:1.0\n    environment:\n      LOG_LEVEL: info\n",
      docs: "Set `LOG_LEVEL=debug` for more output.\n",
    },
  ],
  invalid: [
    {
      name: "a renamed variable",
      compose: "services:\n  web:\n    image: ghcr.io/example/app:1.0\n    environment:\n      LOG_LEVEL: info\n",
      docs: "Set `APP_LOG_LEVEL=debug` for more output.\n",
      errors: [
        {
          "messageId": "unknown",
          "data": {
            "name": "APP_LOG_LEVEL",
            "compose": "compose.yaml"
          },
          "file": "README.md",
          "line": 1,
          "column": 5,
          "endLine": 1,
          "endColumn": 26
        }
      ],
    },
  ],
});
