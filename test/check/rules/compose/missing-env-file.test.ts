import { composeMissingEnvFile } from '../../../../src/check/rules/compose/missing-env-file.js';
import { testRule } from '../../support/rule-tester.js';

testRule(composeMissingEnvFile, {
  valid: [
    {
      name: '.env exists next to .env.example',
      compose: 'services:\n  db:\n    image: postgres:16\n    environment:\n      P: ${P}\n',
      env: 'P=x\n',
      files: { '.env.example': 'P=\n' },
    },
    { name: 'neither .env nor .env.example', compose: 'services:\n  db:\n    image: postgres:16\n    environment:\n      P: ${P:-x}\n' },
    {
      name: 'an empty .env still counts as present',
      compose: 'services:\n  db:\n    image: postgres:16\n    environment:\n      P: ${P:-x}\n',
      env: '',
      files: { '.env.example': 'P=\n' },
    },
    {
      name: 'an example under another name is not read',
      compose: 'services:\n  db:\n    image: postgres:16\n    environment:\n      P: ${P:-x}\n',
      files: { 'example.env': 'P=\n' },
    },
  ],
  invalid: [
    {
      name: 'only .env.example',
      compose: 'services:\n  db:\n    image: postgres:16\n    environment:\n      P: ${P}\n',
      files: { '.env.example': 'P=x\n' },
      errors: [
        { messageId: 'fallback', data: { file: '.env.example' }, file: '.env.example', line: 1, column: 1, endLine: 1, endColumn: 1 },
      ],
    },
    {
      name: 'an empty .env.example',
      compose: 'services:\n  db:\n    image: postgres:16\n    environment:\n      P: ${P:-x}\n',
      files: { '.env.example': '' },
      errors: [
        { messageId: 'fallback', data: { file: '.env.example' }, file: '.env.example', line: 1, column: 1, endLine: 1, endColumn: 1 },
      ],
    },
    {
      name: 'with comments only',
      compose: 'services:\n  db:\n    image: postgres:16\n    environment:\n      P: ${P:-x}\n',
      files: { '.env.example': '# fill in\n' },
      errors: [
        { messageId: 'fallback', data: { file: '.env.example' }, file: '.env.example', line: 1, column: 1, endLine: 1, endColumn: 1 },
      ],
    },
    {
      name: 'the compose file uses none of it',
      compose: 'services:\n  web:\n    image: nginx:1.27\n',
      files: { '.env.example': 'A=1\n' },
      errors: [
        { messageId: 'fallback', data: { file: '.env.example' }, file: '.env.example', line: 1, column: 1, endLine: 1, endColumn: 1 },
      ],
    },
  ],
});
