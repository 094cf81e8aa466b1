import { z } from 'zod';

/**
 * The `models:` section of aistack.yaml: the models Ollama pulls, the hosted (OpenAI-compatible)
 * providers LiteLLM routes to, and the budgets a pull must fit in. One list from which LiteLLM's
 * config.yaml, Open WebUI's model settings and the pull jobs are all derived.
 */

/** An Ollama model reference: `name[:tag]`, optionally under a namespace (`library/llama3.2:3b`, `hf.co/org/repo:Q4_K_M`). */
const OLLAMA_NAME = /^[a-z0-9][a-z0-9._-]*(?:\/[A-Za-z0-9][A-Za-z0-9._-]*){0,3}(?::[A-Za-z0-9][A-Za-z0-9._-]{0,127})?$/;

/** Apps that can be handed the model list. */
export const MODEL_APPS = ['litellm', 'open-webui', 'n8n', 'flowise', 'dify'] as const;

const size = z.string().regex(/^\d+(\.\d+)?[kmgt]$/i, 'a size such as 40g or 500m');
const duration = z.string().regex(/^(-1|0|\d+[smh])$/, 'a duration such as 5m, 1h, 0 (unload at once) or -1 (keep loaded)');
const modelName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:/-]{0,127}$/, 'a model name such as gpt-4o-mini (letters, digits, . _ : / -)');

export const ollamaModelSchema = z.strictObject({
  /** Ollama name:tag, e.g. `llama3.2:3b`. Without a tag Ollama pulls `latest`, so aistack asks for one. */
  name: z.string().regex(OLLAMA_NAME, 'an Ollama model such as llama3.2:3b or qwen2.5-coder:7b (name:tag)'),
  /** Name the apps show. @default the Ollama name */
  displayName: modelName.optional(),
  /** Which apps get it; n8n, Flowise and Dify reach it through LiteLLM, so they need `litellm` listed too. @default every app in the stack that can reach it */
  apps: z.array(z.enum(MODEL_APPS)).min(1).optional(),
  /** How long Ollama keeps it loaded after a request. @default `models.keepAlive`, else Ollama's 5m */
  keepAlive: duration.optional(),
  /** Context window in tokens (LiteLLM passes it as num_ctx; the VRAM estimate uses it). @default 4096 */
  contextLength: z.number().int().min(256).max(1_048_576).optional(),
  /** The default model of Open WebUI (at most one). @default the first model, else the first declared for Open WebUI */
  default: z.boolean().optional(),
});

export const providerModelSchema = z.strictObject({
  /** The provider's model id, e.g. `gpt-4o-mini`. */
  name: modelName,
  /** Name the apps show. @default the provider's model id */
  displayName: modelName.optional(),
  /** Which apps get it; every app reaches a hosted model through LiteLLM, so a list needs `litellm` too. @default every app in the stack */
  apps: z.array(z.enum(MODEL_APPS)).min(1).optional(),
});

export const providerSchema = z.strictObject({
  /** Base URL of the OpenAI-compatible API, e.g. https://api.openai.com/v1. */
  apiBase: z.url({ protocol: /^https?$/ }),
  /**
   * Name of the secret holding the API key: the file `.aistack/secrets/<name>` you write (mode 0600).
   * LiteLLM reads it through its environment; its value never appears in a rendered file.
   * @default none (the endpoint needs no key)
   */
  apiKeySecret: z
    .string()
    .regex(/^[a-z][a-z0-9-]{0,62}$/, 'a secret name such as openai-api-key')
    .optional(),
  models: z.array(providerModelSchema).min(1),
});

export const modelsSchema = z
  .strictObject({
    /** Models Ollama serves; `up` and `deploy` pull the missing ones once Ollama is healthy. */
    ollama: z.array(ollamaModelSchema).optional(),
    /** Hosted OpenAI-compatible providers LiteLLM routes to, keyed by an id of your choice. */
    providers: z.record(z.string().regex(/^[a-z][a-z0-9-]{0,40}$/, 'a provider id such as openai'), providerSchema).optional(),
    /** Default keep-alive of every Ollama model. @default Ollama's 5m */
    keepAlive: duration.optional(),
    /** Most disk the models may take in Ollama's volume; a pull that would pass it fails before any byte. @default no budget (free space only) */
    diskBudget: size.optional(),
    /** How many models are pulled at once. @default 1 */
    concurrency: z.number().int().min(1).max(8).optional(),
    /** Pull missing models during `up` and `deploy`. @default true */
    pullOnDeploy: z.boolean().optional(),
  })
  .describe('Models: what Ollama pulls and which hosted providers LiteLLM routes to.');

export type ModelsSettings = z.output<typeof modelsSchema>;
export type OllamaModelSettings = z.output<typeof ollamaModelSchema>;
export type ProviderSettings = z.output<typeof providerSchema>;
export type ModelApp = (typeof MODEL_APPS)[number];
