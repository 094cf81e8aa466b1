import { imagesFloatingTag } from '../../../../src/check/rules/images/floating-tag.js';
import { testRule } from '../../support/rule-tester.js';

testRule(imagesFloatingTag, {
  valid: [
    { name: 'a major.minor version with a variant suffix', compose: 'services:\n  db:\n    image: postgres:16.4-alpine\n' },
    { name: 'a date-commit tag', compose: 'services:\n  search:\n    image: searxng/searxng:2026.3.25-541c6c3cb\n' },
    { name: 'a versioned accelerator tag', compose: 'services:\n  ollama:\n    image: ollama/ollama:0.32.15-rocm\n' },
    {
      name: 'a digest pins whatever the tag',
      compose: 'services:\n  web:\n    image: nginx:latest@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n',
    },
    { name: 'a registry with a port is not a tag', compose: 'services:\n  web:\n    image: registry.internal:5000/mirror/nginx:1.27.3\n' },
    {
      name: 'a version tag and a digest',
      compose:
        'services:\n  web:\n    image: nginx:1.27.3\n  db:\n    image: postgres@sha256:4ec37d2a07a0067f176fdcc9d4bb633a5724d2cc4f892c7a2046d054bb6939e5\n',
    },
  ],
  invalid: [
    {
      name: 'main-stable and main-latest',
      compose:
        'services:\n  llm:\n    image: ghcr.io/berriai/litellm:main-stable\n  llm2:\n    image: ghcr.io/berriai/litellm:main-latest\n',
      errors: [
        {
          messageId: 'floating',
          data: { service: 'llm', image: 'ghcr.io/berriai/litellm', tag: 'main-stable' },
          line: 3,
          column: 12,
          endLine: 3,
          endColumn: 47,
        },
        {
          messageId: 'floating',
          data: { service: 'llm2', image: 'ghcr.io/berriai/litellm', tag: 'main-latest' },
          line: 5,
          column: 12,
          endLine: 5,
          endColumn: 47,
        },
      ],
    },
    {
      name: 'bare accelerator tags rocm and cuda',
      compose: 'services:\n  ollama:\n    image: ollama/ollama:rocm\n  webui:\n    image: ghcr.io/open-webui/open-webui:cuda\n',
      errors: [
        {
          messageId: 'floating',
          data: { service: 'ollama', image: 'ollama/ollama', tag: 'rocm' },
          line: 3,
          column: 12,
          endLine: 3,
          endColumn: 30,
        },
        {
          messageId: 'floating',
          data: { service: 'webui', image: 'ghcr.io/open-webui/open-webui', tag: 'cuda' },
          line: 5,
          column: 12,
          endLine: 5,
          endColumn: 46,
        },
      ],
    },
    {
      name: 'a version with a moving part (2-nightly)',
      compose: 'services:\n  app:\n    image: example/app:2-nightly\n',
      errors: [
        {
          messageId: 'floating',
          data: { service: 'app', image: 'example/app', tag: '2-nightly' },
          line: 3,
          column: 12,
          endLine: 3,
          endColumn: 33,
        },
      ],
    },
    {
      name: 'edge, dev and a distribution name without a version',
      compose: 'services:\n  a:\n    image: caddy:edge\n  b:\n    image: example/b:dev\n  c:\n    image: node:alpine\n',
      errors: [
        { messageId: 'floating', data: { service: 'a', image: 'caddy', tag: 'edge' }, line: 3, column: 12, endLine: 3, endColumn: 22 },
        { messageId: 'floating', data: { service: 'b', image: 'example/b', tag: 'dev' }, line: 5, column: 12, endLine: 5, endColumn: 25 },
        { messageId: 'floating', data: { service: 'c', image: 'node', tag: 'alpine' }, line: 7, column: 12, endLine: 7, endColumn: 23 },
      ],
    },
    {
      name: 'no tag behind a registry with a port',
      compose: 'services:\n  web:\n    image: registry.internal:5000/nginx\n',
      errors: [
        {
          messageId: 'untagged',
          data: { service: 'web', image: 'registry.internal:5000/nginx' },
          line: 3,
          column: 12,
          endLine: 3,
          endColumn: 40,
        },
      ],
    },
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
