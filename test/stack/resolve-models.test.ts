import { describe, expect, it } from 'vitest';
import { AistackError } from '../../src/errors.js';
import { resolveProjectPaths } from '../../src/project/paths.js';
import { resolveProjectText } from '../../src/project/load.js';

const paths = resolveProjectPaths('/project');
const resolve = (text: string) => resolveProjectText(paths, text).stack;
const header = 'name: demo\ndomain: ai.example.com\nservices:\n  ollama:\n  open-webui:\n  litellm:\n';

function errorOf(text: string): { code: string; formatted: string; hint: string | undefined } {
  try {
    resolve(text);
  } catch (error: unknown) {
    if (error instanceof AistackError) return { code: error.code, formatted: error.format(), hint: error.hint };
    throw error;
  }
  throw new Error('expected an error');
}

describe('resolveModels', () => {
  it('decides every declared model: apps default to every app in the stack, the first Ollama model is the default', () => {
    const stack = resolve(
      `${header}models:\n  keepAlive: 10m\n  diskBudget: 1.5g\n  ollama:\n    - name: llama3.2:3b\n    - name: qwen2.5:7b\n ` +
        '     contextLength: 8192\n      apps: [litellm]\n',
    );
    expect(stack.models).toEqual({
      ollama: [
        {
          source: 'ollama',
          name: 'llama3.2:3b',
          displayName: 'llama3.2:3b',
          apps: ['litellm', 'open-webui'],
          keepAlive: '10m',
          contextLength: 4096,
          default: true,
        },
        {
          source: 'ollama',
          name: 'qwen2.5:7b',
          displayName: 'qwen2.5:7b',
          apps: ['litellm'],
          keepAlive: '10m',
          contextLength: 8192,
          default: false,
        },
      ],
      providers: [],
      diskBudgetBytes: 1610612736,
      concurrency: 1,
      pullOnDeploy: true,
    });
    const webui = stack.services.find((service) => service.id === 'open-webui')!;
    expect(webui.environment).toMatchObject({
      DEFAULT_MODELS: 'llama3.2:3b',
      ENABLE_OLLAMA_API: 'false',
      ENABLE_OPENAI_API: 'true',
      OPENAI_API_CONFIGS: '{"0":{"enable":true,"model_ids":["llama3.2:3b"]}}',
    });
    expect(webui.environment.OLLAMA_API_CONFIGS).toBeUndefined();
    expect(stack.services.find((service) => service.id === 'ollama')!.environment.OLLAMA_KEEP_ALIVE).toBe('10m');
  });

  it('Open WebUI lists exactly its models: through LiteLLM under the display name, else straight from Ollama under the Ollama name', () => {
    const stack = resolve(
      `${header}models:\n  ollama:\n    - name: llama3.2:3b\n      displayName: llama-small\n    - name: ` +
        'library/qwen2.5:7b\n      apps: [open-webui]\n      default: true\n    - name: mistral:7b\n      apps: [litellm]\n  ' +
        'providers:\n    openai:\n      apiBase: https://api.openai.com/v1\n      models:\n        - name: gpt-4o-mini\n',
    );
    const webui = stack.services.find((service) => service.id === 'open-webui')!;
    expect(webui.environment).toMatchObject({
      DEFAULT_MODELS: 'qwen2.5:7b',
      ENABLE_OLLAMA_API: 'true',
      OLLAMA_API_CONFIGS: '{"0":{"enable":true,"model_ids":["qwen2.5:7b"]}}',
      ENABLE_OPENAI_API: 'true',
      OPENAI_API_CONFIGS: '{"0":{"enable":true,"model_ids":["llama-small","gpt-4o-mini"]}}',
    });
  });

  it('without LiteLLM Open WebUI takes its models from Ollama, and n8n gets none (it reaches models only through LiteLLM)', () => {
    const stack = resolve(
      'name: demo\ndomain: ai.example.com\nservices:\n  ollama:\n  open-webui:\n  n8n:\nmodels:\n  ollama:\n    - name: llama3.2:3b\n',
    );
    expect(stack.models?.ollama[0]?.apps).toEqual(['open-webui']);
    expect(stack.services.find((service) => service.id === 'open-webui')!.environment).toMatchObject({
      DEFAULT_MODELS: 'llama3.2:3b',
      ENABLE_OLLAMA_API: 'true',
      OLLAMA_API_CONFIGS: '{"0":{"enable":true,"model_ids":["llama3.2:3b"]}}',
      ENABLE_OPENAI_API: 'false',
    });
    expect(
      Object.keys(stack.services.find((service) => service.id === 'n8n')!.environment).filter((name) => name.startsWith('AISTACK_LLM')),
    ).toEqual([]);
  });

  it('models declared for other apps only leave Open WebUI unfiltered', () => {
    const stack = resolve(`${header}models:\n  ollama:\n    - name: llama3.2:3b\n      apps: [litellm]\n`);
    const environment = stack.services.find((service) => service.id === 'open-webui')!.environment;
    expect(environment.ENABLE_OLLAMA_API).toBe('true');
    expect([environment.DEFAULT_MODELS, environment.OLLAMA_API_CONFIGS, environment.OPENAI_API_CONFIGS]).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('points at an app that reaches the model only through LiteLLM when apps leaves LiteLLM out', () => {
    expect(
      errorOf(
        `${header}  n8n:\nmodels:\n  providers:\n    openai:\n      apiBase: https://api.openai.com/v1\n      models:\n     ` +
          '   - name: gpt-4o-mini\n          apps: [open-webui]\n',
      ),
    ).toEqual({
      code: 'AIS_STACK_MODEL_NEEDS_LITELLM',
      formatted:
        'aistack.yaml:14:18 AIS_STACK_MODEL_NEEDS_LITELLM models.providers.openai.models[0].apps: "open-webui" reaches ' +
        'hosted models through LiteLLM, which serves only the models whose apps list "litellm"',
      hint: 'add litellm to apps, or remove the app',
    });
    expect(
      errorOf('name: demo\ndomain: ai.example.com\nservices:\n  ollama:\n  n8n:\nmodels:\n  ollama:\n    - name: a:1\n      apps: [n8n]\n'),
    ).toEqual({
      code: 'AIS_STACK_MODEL_NEEDS_LITELLM',
      formatted:
        'aistack.yaml:9:14 AIS_STACK_MODEL_NEEDS_LITELLM models.ollama[0].apps: "n8n" reaches models through LiteLLM, which ' +
        'serves only the models whose apps list "litellm"',
      hint: 'add LiteLLM to the stack (`aistack add litellm`) and to apps, or remove the app',
    });
  });

  it("a provider's API key is a provided secret LiteLLM reads at start, never generated", () => {
    const stack = resolve(
      `${header}models:\n  providers:\n    groq:\n      apiBase: https://api.groq.com/openai/v1\n      apiKeySecret: ` +
        'groq-key\n      models:\n        - name: llama-3.3-70b\n',
    );
    expect(stack.secrets.find((secret) => secret.name === 'groq-key')).toEqual({
      name: 'groq-key',
      kind: 'provided',
      protects: 'the API key LiteLLM sends to https://api.groq.com/openai/v1',
      critical: false,
      consumers: [{ service: 'litellm', owner: true, reads: 'at-start' }],
    });
    const litellm = stack.services.find((service) => service.id === 'litellm')!;
    expect(litellm.secretEnvironment).toContainEqual({ variable: 'AISTACK_GROQ_API_KEY', secret: 'groq-key', delivery: 'entrypoint' });
    expect(litellm.command).toEqual(['--port', '4000', '--config', '/app/aistack/config.yaml']);
  });

  it("the user's own env beats the model settings", () => {
    const stack = resolve(
      'name: demo\ndomain: ai.example.com\nservices:\n  ollama:\n    env:\n      OLLAMA_KEEP_ALIVE: 1h\nmodels:\n  ' +
        'keepAlive: 10m\n  ollama:\n    - name: llama3.2:3b\n',
    );
    expect(stack.services.find((service) => service.id === 'ollama')!.environment.OLLAMA_KEEP_ALIVE).toBe('1h');
  });

  it('a stack without models has an empty model list and unchanged services', () => {
    const stack = resolve('name: demo\ndomain: ai.example.com\nservices:\n  litellm:\n');
    expect(stack.models).toEqual({ ollama: [], providers: [], diskBudgetBytes: undefined, concurrency: 1, pullOnDeploy: true });
    expect(stack.services.find((service) => service.id === 'litellm')!.command).toEqual(['--port', '4000']);
  });

  it('points at a model without a tag', () => {
    expect(errorOf(`${header}models:\n  ollama:\n    - name: llama3.1\n`)).toEqual({
      code: 'AIS_STACK_MODEL_UNTAGGED',
      formatted:
        'aistack.yaml:9:7 AIS_STACK_MODEL_UNTAGGED models.ollama[0].name: "llama3.1" has no tag, so Ollama would pull whatever "latest" is that day',
      hint: 'name a tag, e.g. "llama3.1:8b" (ollama.com/library/llama3.1 lists them)',
    });
  });

  it('points at an app that is not in the stack', () => {
    expect(errorOf(`${header}models:\n  ollama:\n    - name: llama3.2:3b\n      apps: [open-webui, n8n]\n`).formatted).toBe(
      'aistack.yaml:10:26 AIS_STACK_MODEL_APP_MISSING models.ollama[0].apps: "n8n" is not in the stack',
    );
  });

  it('points at a second model with the same name', () => {
    expect(
      errorOf(`${header}models:\n  ollama:\n    - name: llama3.2:3b\n    - name: qwen2.5:7b\n      displayName: llama3.2:3b\n`).formatted,
    ).toBe('aistack.yaml:11:7 AIS_STACK_MODEL_DUPLICATE two models are called "llama3.2:3b" (the first is models.ollama[0].name)');
  });

  it('points at a second default', () => {
    expect(
      errorOf(`${header}models:\n  ollama:\n    - name: a:1\n      default: true\n    - name: b:1\n      default: true\n`).formatted,
    ).toBe('aistack.yaml:12:7 AIS_STACK_MODEL_DEFAULTS models.ollama: 2 models are marked default; Open WebUI has one default model');
  });

  it('refuses Ollama models without Ollama and providers without LiteLLM', () => {
    expect(errorOf('name: demo\ndomain: ai.example.com\nservices:\n  litellm:\nmodels:\n  ollama:\n    - name: a:1\n').formatted).toBe(
      'aistack.yaml:6:3 AIS_STACK_MODELS_NO_OLLAMA models.ollama lists models but Ollama is not in the stack',
    );
    expect(
      errorOf(
        'name: demo\ndomain: ai.example.com\nservices:\n  ollama:\nmodels:\n  providers:\n    x:\n      apiBase: ' +
          'https://x.example/v1\n      models: [{name: m}]\n',
      ).code,
    ).toBe('AIS_STACK_MODELS_NO_LITELLM');
  });

  it('the schema points at a bad model name and an unknown key', () => {
    expect(errorOf(`${header}models:\n  ollama:\n    - name: "Llama 3"\n`).formatted).toBe(
      'aistack.yaml:9:13 AIS_MANIFEST_INVALID_VALUE models.ollama[0].name: expected an Ollama model such as llama3.2:3b or ' +
        'qwen2.5-coder:7b (name:tag), got "Llama 3"',
    );
    expect(errorOf(`${header}models:\n  ollama:\n    - name: a:1\n      contextLenght: 8192\n`).formatted).toBe(
      'aistack.yaml:10:7 AIS_MANIFEST_UNKNOWN_KEY unknown key "contextLenght" in models.ollama[0]; did you mean "contextLength"?',
    );
  });
});
