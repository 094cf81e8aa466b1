import { docsUnknownVariable } from '../../../../src/check/rules/docs/unknown-variable.js';
import { testRule } from '../../support/rule-tester.js';

testRule(docsUnknownVariable, {
  valid: [
    {
      name: 'a variable the compose file interpolates',
      compose: 'services:\n  web:\n    image: nginx:1.27\n    environment:\n      TOKEN: ${API_TOKEN}\n',
      docs: 'Set `API_TOKEN`.\n',
    },
    {
      name: 'a variable set in environment',
      compose: 'services:\n  web:\n    image: nginx:1.27\n    environment:\n      LOG_LEVEL: info\n',
      docs: 'Tune `LOG_LEVEL=debug`.\n',
    },
    {
      name: 'a variable only in .env',
      compose: 'services:\n  web:\n    image: nginx:1.27\n',
      env: 'EXTRA_FLAG=1\n',
      docs: '`EXTRA_FLAG`\n',
    },
    {
      name: 'the variable is used',
      compose: 'services:\n  web:\n    image: ghcr.io/example/app:1.0\n    environment:\n      LOG_LEVEL: info\n',
      docs: 'Set `LOG_LEVEL=debug` for more output.\n',
    },
  ],
  invalid: [
    {
      name: 'a variable nothing uses',
      compose: 'services:\n  web:\n    image: nginx:1.27\n',
      docs: 'Set `OPENAI_API_KEY`.\n',
      errors: [
        {
          messageId: 'unknown',
          data: { name: 'OPENAI_API_KEY', compose: 'compose.yaml' },
          file: 'README.md',
          line: 1,
          column: 5,
          endLine: 1,
          endColumn: 21,
        },
      ],
    },
    {
      name: 'a ${VAR} in inline code',
      compose: 'services:\n  web:\n    image: nginx:1.27\n',
      docs: 'Use `${DB_PASSWORD}`.\n',
      errors: [
        {
          messageId: 'unknown',
          data: { name: 'DB_PASSWORD', compose: 'compose.yaml' },
          file: 'README.md',
          line: 1,
          column: 5,
          endLine: 1,
          endColumn: 21,
        },
      ],
    },
    {
      name: 'a close misspelling',
      compose: 'services:\n  web:\n    image: nginx:1.27\n    environment:\n      LOG_LEVEL: info\n',
      docs: '`LOG_LEVELS=debug`\n',
      errors: [
        {
          messageId: 'unknown',
          data: { name: 'LOG_LEVELS', compose: 'compose.yaml' },
          file: 'README.md',
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 19,
        },
      ],
    },
    {
      name: 'a renamed variable',
      compose: 'services:\n  web:\n    image: ghcr.io/example/app:1.0\n    environment:\n      LOG_LEVEL: info\n',
      docs: 'Set `APP_LOG_LEVEL=debug` for more output.\n',
      errors: [
        {
          messageId: 'unknown',
          data: {
            name: 'APP_LOG_LEVEL',
            compose: 'compose.yaml',
          },
          file: 'README.md',
          line: 1,
          column: 5,
          endLine: 1,
          endColumn: 26,
        },
      ],
    },
  ],
});
