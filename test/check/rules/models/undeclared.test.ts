import { modelsUndeclared } from '../../../../src/check/rules/models/undeclared.js';
import type { DeclaredModel, ProjectContext } from '../../../../src/check/types.js';
import { testRule } from '../../support/rule-tester.js';

const compose = 'services:\n  web:\n    image: nginx:1.27\n';
const head = 'name: ai\ndomain: ai.example.com\nservices:\n';
const APPS = ['litellm', 'n8n', 'open-webui'];
const llama: DeclaredModel = { source: 'ollama', name: 'llama3.2:3b', displayName: 'llama-small', apps: APPS };
const qwen: DeclaredModel = { source: 'ollama', name: 'qwen2.5-coder:7b', displayName: 'qwen2.5-coder:7b', apps: ['litellm'] };
const latest: DeclaredModel = { source: 'ollama', name: 'mistral:latest', displayName: 'mistral:latest', apps: APPS };
const gpt: DeclaredModel = { source: 'provider', provider: 'openai', name: 'gpt-4o-mini', displayName: 'gpt-4o-mini', apps: APPS };

const project = (services: string, models: readonly DeclaredModel[] = [llama, qwen, latest, gpt]): ProjectContext => ({
  domain: 'ai.example.com',
  proxyService: 'proxy',
  routes: [],
  portPlan: [],
  manifest: { file: 'aistack.yaml', text: `${head}${services}` },
  models,
});

testRule(modelsUndeclared, {
  valid: [
    {
      name: 'Open WebUI’s default model by its Ollama name:tag',
      compose,
      project: project('  open-webui:\n    env:\n      DEFAULT_MODELS: llama3.2:3b\n'),
    },
    {
      name: 'a list by display names, with spaces, and a provider model',
      compose,
      project: project('  open-webui:\n    env:\n      DEFAULT_PINNED_MODELS: "llama-small, gpt-4o-mini"\n'),
    },
    {
      name: 'an untagged name matches a model declared with an explicit :latest (Ollama reads both the same)',
      compose,
      project: project('  open-webui:\n    env:\n      TASK_MODEL: mistral\n'),
    },
    {
      name: 'a provider model in LiteLLM’s provider/model form, and library/ in front of an Ollama name',
      compose,
      project: project('  open-webui:\n    env:\n      DEFAULT_MODELS: openai/gpt-4o-mini,library/llama3.2:3b\n'),
    },
    {
      name: 'n8n’s model list, and variables that name no model',
      compose,
      project: project('  n8n:\n    env:\n      AISTACK_LLM_MODELS: llama-small\n  open-webui:\n    env:\n      WEBUI_NAME: qwen3:8b\n'),
    },
    { name: 'a foreign compose file (no aistack project)', compose },
    {
      name: 'an empty value and a service without settings',
      compose,
      project: project('  open-webui:\n    env:\n      DEFAULT_MODELS: ""\n  n8n:\n'),
    },
  ],
  invalid: [
    {
      name: 'a default model that models: does not declare, at the name itself',
      compose,
      project: project('  open-webui:\n    env:\n      DEFAULT_MODELS: mistral:7b\n'),
      errors: [
        {
          messageId: 'undeclared',
          data: {
            service: 'open-webui',
            variable: 'DEFAULT_MODELS',
            model: 'mistral:7b',
            declared: 'llama-small, qwen2.5-coder:7b, mistral:latest, gpt-4o-mini',
          },
          file: 'aistack.yaml',
          line: 6,
          column: 23,
          endLine: 6,
          endColumn: 33,
        },
      ],
    },
    {
      name: 'an untagged name means :latest, not the declared tag',
      compose,
      project: project('  open-webui:\n    env:\n      TASK_MODEL: llama3.2\n'),
      errors: [
        {
          messageId: 'untagged',
          data: { service: 'open-webui', variable: 'TASK_MODEL', model: 'llama3.2', latest: 'llama3.2:latest', similar: 'llama3.2:3b' },
          line: 6,
          column: 19,
          endColumn: 27,
        },
      ],
    },
    {
      name: 'an explicit :latest when another tag is declared, second in a quoted list',
      compose,
      project: project('  open-webui:\n    env:\n      DEFAULT_MODELS: "llama-small, llama3.2:latest"\n'),
      errors: [{ messageId: 'undeclared', line: 6, column: 37, endColumn: 52 }],
    },
    {
      name: 'a model declared only for LiteLLM, named for Open WebUI',
      compose,
      project: project('  open-webui:\n    env:\n      TASK_MODEL_EXTERNAL: qwen2.5-coder:7b\n'),
      errors: [
        {
          messageId: 'notForApp',
          data: { service: 'open-webui', variable: 'TASK_MODEL_EXTERNAL', model: 'qwen2.5-coder:7b', apps: 'litellm' },
          line: 6,
          column: 28,
        },
      ],
    },
    {
      name: 'no models: at all, and a model list for n8n',
      compose,
      project: project('  n8n:\n    env:\n      AISTACK_LLM_MODELS: gpt-4o\n', []),
      errors: [
        {
          messageId: 'undeclared',
          data: { service: 'n8n', variable: 'AISTACK_LLM_MODELS', model: 'gpt-4o', declared: 'none' },
          line: 6,
          column: 27,
        },
      ],
    },
    {
      name: 'a provider model under another provider’s prefix, for Dify',
      compose,
      project: project('  dify:\n    env:\n      AISTACK_LLM_MODELS: anthropic/gpt-4o-mini\n', [gpt]),
      errors: [{ messageId: 'undeclared', line: 6, column: 27, endColumn: 48 }],
    },
  ],
});
