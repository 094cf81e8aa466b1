import type { Stack } from '../stack/types.js';
import type { RenderedFile } from './types.js';
import { GENERATED_NOTICE } from './types.js';

/** Where the file lands in the project; resolve-models.ts mounts its directory into LiteLLM. */
export const LITELLM_CONFIG_PATH = 'litellm/config.yaml';
const OLLAMA_URL = 'http://ollama:11434';

/** A YAML double-quoted scalar: JSON's string syntax is a subset of it. */
function quote(value: string): string {
  return JSON.stringify(value);
}

/**
 * LiteLLM's config.yaml `model_list`, from the declared models: Ollama models go to the stack's
 * Ollama (`ollama_chat/<name>`, with `num_ctx` and `keep_alive`), hosted ones to their
 * OpenAI-compatible endpoint (`openai/<name>`) with the key as `os.environ/<VAR>`, which LiteLLM
 * reads at start from the secret file the entrypoint exports: no key value is ever in this file.
 */
export function renderLitellmConfig(stack: Stack): RenderedFile[] {
  const models = stack.models;
  if (!models || !stack.services.some((service) => service.id === 'litellm')) return [];
  const ollama = models.ollama.filter((model) => model.apps.includes('litellm'));
  const providers = models.providers.filter((model) => model.apps.includes('litellm'));
  if (ollama.length + providers.length === 0) return [];
  const lines = [`# ${GENERATED_NOTICE}`, '# The model list of docs/models.md: LiteLLM serves these names to every app.', 'model_list:'];
  for (const model of ollama) {
    lines.push(
      `  - model_name: ${quote(model.displayName)}`,
      '    litellm_params:',
      `      model: ${quote(`ollama_chat/${model.name}`)}`,
      `      api_base: ${quote(OLLAMA_URL)}`,
      `      num_ctx: ${model.contextLength}`,
      ...(model.keepAlive === undefined ? [] : [`      keep_alive: ${quote(model.keepAlive)}`]),
      '    model_info:',
      `      max_input_tokens: ${model.contextLength}`,
      '      aistack_source: "ollama"',
    );
  }
  for (const model of providers) {
    lines.push(
      `  - model_name: ${quote(model.displayName)}`,
      '    litellm_params:',
      `      model: ${quote(`openai/${model.name}`)}`,
      `      api_base: ${quote(model.apiBase)}`,
      ...(model.apiKey ? [`      api_key: ${quote(`os.environ/${model.apiKey.variable}`)}`] : []),
      '    model_info:',
      `      aistack_source: ${quote(`provider:${model.provider}`)}`,
    );
  }
  lines.push('litellm_settings:', '  drop_params: true');
  return [{ path: LITELLM_CONFIG_PATH, content: `${lines.join('\n')}\n` }];
}
