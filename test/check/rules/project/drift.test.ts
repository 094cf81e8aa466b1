import { projectDrift } from '../../../../src/check/rules/project/drift.js';
import type { ProjectContext } from '../../../../src/check/types.js';
import { testRule } from '../../support/rule-tester.js';

const compose = 'services:\n  web:\n    image: nginx:1.27\n';
const env = 'STACK_NAME=ai\n';
const project = (files: Record<string, string>): ProjectContext => ({
  domain: 'ai.example.com',
  proxyService: 'proxy',
  routes: [],
  portPlan: [],
  renderedFiles: Object.entries(files).map(([path, content]) => ({ path, content })),
});

testRule(projectDrift, {
  valid: [
    {
      name: 'every rendered file on disk is what aistack.yaml renders now',
      compose,
      project: project({ 'compose.yaml': compose, '.env': env }),
      facts: {
        renderedOnDisk: [
          { path: 'compose.yaml', content: compose },
          { path: '.env', content: env },
        ],
      },
    },
    {
      name: 'no files on disk were gathered (render and up check what they are about to write)',
      compose,
      project: project({ 'compose.yaml': compose }),
    },
    { name: 'a foreign compose file (no aistack project)', compose, facts: { renderedOnDisk: [{ path: 'compose.yaml', content: 'x' }] } },
    {
      name: 'a file on disk that aistack does not render is not compared',
      compose,
      project: project({ 'compose.yaml': compose }),
      facts: {
        renderedOnDisk: [
          { path: 'compose.yaml', content: compose },
          { path: 'notes.md', content: 'mine' },
        ],
      },
    },
  ],
  invalid: [
    {
      name: 'a hand edit, reported at the first line that differs',
      compose,
      project: project({ 'compose.yaml': compose }),
      facts: { renderedOnDisk: [{ path: 'compose.yaml', content: 'services:\n  web:\n    image: nginx:latest\n' }] },
      errors: [{ messageId: 'differs', data: { file: 'compose.yaml', line: 3 }, file: 'compose.yaml', line: 3, column: 1 }],
    },
    {
      name: 'a line added at the end (an older render) differs after the last common line',
      compose,
      project: project({ 'compose.yaml': compose }),
      facts: { renderedOnDisk: [{ path: 'compose.yaml', content: `${compose}  db:\n` }] },
      errors: [{ messageId: 'differs', data: { file: 'compose.yaml', line: 4 }, file: 'compose.yaml', line: 4, column: 1 }],
    },
    {
      name: 'never rendered: one finding, not one per file',
      compose,
      project: project({ 'compose.yaml': compose, '.env': env, 'STACK.md': '# ai\n' }),
      facts: {
        renderedOnDisk: [
          { path: 'compose.yaml', content: undefined },
          { path: '.env', content: undefined },
          { path: 'STACK.md', content: undefined },
        ],
      },
      errors: [{ messageId: 'notRendered', data: { count: 3 }, file: 'aistack.yaml', line: 1, column: 1 }],
    },
    {
      name: 'one file missing and another edited',
      compose,
      project: project({ 'compose.yaml': compose, 'proxy/nginx.conf': 'events {}\n', '.env': env }),
      facts: {
        renderedOnDisk: [
          { path: 'compose.yaml', content: compose },
          { path: 'proxy/nginx.conf', content: undefined },
          { path: '.env', content: 'STACK_NAME=other\n' },
        ],
      },
      errors: [
        { messageId: 'differs', data: { file: '.env', line: 1 }, file: '.env', line: 1, column: 1 },
        { messageId: 'missing', data: { file: 'proxy/nginx.conf' }, file: 'proxy/nginx.conf', line: 1, column: 1 },
      ],
    },
  ],
});
