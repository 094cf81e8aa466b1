import { docsUnknownCommand } from '../../../../src/check/rules/docs/unknown-command.js';
import { testRule } from '../../support/rule-tester.js';

testRule(docsUnknownCommand, {
  valid: [
    {
      name: 'targets of a rule with two names, and a pattern rule',
      compose: 'services:\n  web:\n    image: nginx:1.27\n',
      facts: {
        makefile: {
          file: 'Makefile',
          text: '.PHONY: up down\nup down: ## start, stop\n\tdocker compose $@\nlogs-%:\n\tdocker compose logs $*\nVERSION := 1\n',
        },
      },
      docs: '```sh\nmake up\nmake down && make logs-web\n```\n',
    },
    {
      name: '"make sure" in prose is not a command',
      compose: 'services:\n  web:\n    image: nginx:1.27\n',
      facts: {
        makefile: {
          file: 'Makefile',
          text: '.PHONY: up down\nup down: ## start, stop\n\tdocker compose $@\nlogs-%:\n\tdocker compose logs $*\nVERSION := 1\n',
        },
      },
      docs: 'Make sure to run make install first.\n',
    },
    {
      name: 'a script with a colon',
      compose: 'services:\n  web:\n    image: nginx:1.27\n',
      facts: { packageJson: { file: 'package.json', text: '{"scripts":{"build":"tsc","test:unit":"vitest"}}' } },
      docs: 'Run `npm run test:unit` or `pnpm run build`.\n',
    },
    {
      name: 'a Makefile that includes others is not judged',
      compose: 'services:\n  web:\n    image: nginx:1.27\n',
      facts: { makefile: { file: 'Makefile', text: 'include common.mk\nup:\n\ttrue\n' } },
      docs: '`make deploy`\n',
    },
    { name: 'no Makefile in the project', compose: 'services:\n  web:\n    image: nginx:1.27\n', docs: '`make deploy`\n' },
  ],
  invalid: [
    {
      name: 'a target that is gone',
      compose: 'services:\n  web:\n    image: nginx:1.27\n',
      facts: {
        makefile: {
          file: 'Makefile',
          text: '.PHONY: up down\nup down: ## start, stop\n\tdocker compose $@\nlogs-%:\n\tdocker compose logs $*\nVERSION := 1\n',
        },
      },
      docs: 'Start with `make up-gpu`.\n',
      errors: [
        {
          messageId: 'make',
          data: { target: 'up-gpu', makefile: 'Makefile' },
          file: 'README.md',
          line: 1,
          column: 18,
          endLine: 1,
          endColumn: 24,
        },
      ],
    },
    {
      name: 'a variable assignment is not a target',
      compose: 'services:\n  web:\n    image: nginx:1.27\n',
      facts: {
        makefile: {
          file: 'Makefile',
          text: '.PHONY: up down\nup down: ## start, stop\n\tdocker compose $@\nlogs-%:\n\tdocker compose logs $*\nVERSION := 1\n',
        },
      },
      docs: '```sh\nmake VERSION\n```\n',
      errors: [
        {
          messageId: 'make',
          data: { target: 'VERSION', makefile: 'Makefile' },
          file: 'README.md',
          line: 2,
          column: 6,
          endLine: 2,
          endColumn: 13,
        },
      ],
    },
    {
      name: 'two targets on one line, one missing',
      compose: 'services:\n  web:\n    image: nginx:1.27\n',
      facts: {
        makefile: {
          file: 'Makefile',
          text: '.PHONY: up down\nup down: ## start, stop\n\tdocker compose $@\nlogs-%:\n\tdocker compose logs $*\nVERSION := 1\n',
        },
      },
      docs: '```sh\nmake -j 2 up seed\n```\n',
      errors: [
        {
          messageId: 'make',
          data: { target: 'seed', makefile: 'Makefile' },
          file: 'README.md',
          line: 2,
          column: 14,
          endLine: 2,
          endColumn: 18,
        },
      ],
    },
    {
      name: 'an npm script that does not exist',
      compose: 'services:\n  web:\n    image: nginx:1.27\n',
      facts: { packageJson: { file: 'package.json', text: '{"scripts":{"build":"tsc","test:unit":"vitest"}}' } },
      docs: '```sh\nnpm run --silent seed\n```\n',
      errors: [
        {
          messageId: 'npm',
          data: { script: 'seed', packageJson: 'package.json' },
          file: 'README.md',
          line: 2,
          column: 18,
          endLine: 2,
          endColumn: 22,
        },
      ],
    },
  ],
});
