import { imagesFloatingTag } from '../../../../src/check/rules/images/floating-tag.js';
import { testRule } from '../../support/rule-tester.js';

testRule(imagesFloatingTag, {
  valid: [
    {
      name: 'a version tag and a digest',
      compose:
        'services:\n  web:\n    image: nginx:1.27.3\n  db:\n    image: postgres@sha256:4ec37d2a07a0067f176fdcc9d4bb633a5724d2cc4f892c7a2046d054bb6939e5\n',
    },
  ],
  invalid: [
    {
      name: 'latest and untagged',
      compose: 'services:\n  web:\n    image: nginx:latest\n  db:\n    image: postgres\n',
      errors: [
        {
          messageId: 'floating',
          data: {
            service: 'web',
            image: 'nginx',
            tag: 'latest',
          },
          line: 3,
          column: 12,
          endLine: 3,
          endColumn: 24,
        },
        {
          messageId: 'untagged',
          data: {
            service: 'db',
            image: 'postgres',
          },
          line: 5,
          column: 12,
          endLine: 5,
          endColumn: 20,
        },
      ],
    },
  ],
});
