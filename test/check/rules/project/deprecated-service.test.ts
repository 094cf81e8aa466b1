import { projectDeprecatedService } from '../../../../src/check/rules/project/deprecated-service.js';
import type { ProjectContext } from '../../../../src/check/types.js';
import { testRule } from '../../support/rule-tester.js';

const compose = 'services:\n  web:\n    image: nginx:1.27\n';
const project = (services: string): ProjectContext => ({
  domain: 'ai.example.com',
  proxyService: 'proxy',
  routes: [],
  portPlan: [],
  manifest: { file: 'aistack.yaml', text: `name: ai\ndomain: ai.example.com\nservices:\n${services}` },
});

const manifest = (text: string): ProjectContext => ({ ...project(''), manifest: { file: 'aistack.yaml', text } });
const reason = 'OpenMemory was removed upstream (mem0ai/mem0 PR #6530, 2026-07-29); its successor is the Mem0 self-hosted server';
const uiReason = "OpenMemory's UI went with it; the Mem0 server has its own dashboard";

testRule(projectDeprecatedService, {
  valid: [
    { name: 'the successor under its own id', compose, project: project('  mem0:\n  mem0-dashboard:\n') },
    {
      name: 'a custom service named openmemory is not a catalog id',
      compose,
      project: manifest('name: ai\ndomain: ai.example.com\ncustom:\n  openmemory:\n    image: example/openmemory:1.0\n'),
    },
    {
      name: 'the retired id as a value or in a comment',
      compose,
      project: project('  mem0: # was openmemory\n    env:\n      NOTE: openmemory\n'),
    },
    { name: 'a foreign compose file (no aistack project)', compose },
  ],
  invalid: [
    {
      name: 'openmemory and openmemory-ui, at their keys',
      compose,
      project: project('  openmemory:\n    env:\n      USER: me\n  openmemory-ui:\n'),
      errors: [
        {
          messageId: 'retired',
          data: { id: 'openmemory', to: 'mem0', reason },
          file: 'aistack.yaml',
          line: 4,
          column: 3,
          endLine: 4,
          endColumn: 13,
        },
        {
          messageId: 'retired',
          data: { id: 'openmemory-ui', to: 'mem0-dashboard', reason: uiReason },
          line: 7,
          column: 3,
          endLine: 7,
          endColumn: 16,
        },
      ],
    },
    {
      name: 'openmemory-ui alone',
      compose,
      project: project('  n8n:\n  openmemory-ui: {}\n'),
      errors: [
        { messageId: 'retired', data: { id: 'openmemory-ui', to: 'mem0-dashboard', reason: uiReason }, line: 5, column: 3, endColumn: 16 },
      ],
    },
    {
      name: 'a quoted key',
      compose,
      project: project('  "openmemory":\n'),
      errors: [{ messageId: 'retired', data: { id: 'openmemory', to: 'mem0', reason }, line: 4, column: 3, endColumn: 15 }],
    },
    {
      name: 'a flow mapping',
      compose,
      project: manifest('name: ai\ndomain: ai.example.com\nservices: { ollama: {}, openmemory: {} }\n'),
      errors: [{ messageId: 'retired', data: { id: 'openmemory', to: 'mem0', reason }, line: 3, column: 25, endColumn: 35 }],
    },
  ],
});
