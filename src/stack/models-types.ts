import type { ModelApp } from '../manifest/models-schema.js';

/** One declared model as the apps see it: decided from `models:` (see resolve-models.ts). */
export interface StackModel {
  /** The name every app uses (LiteLLM `model_name`, Open WebUI's list). */
  readonly displayName: string;
  /** Which apps get it (only apps in the stack), sorted. */
  readonly apps: readonly ModelApp[];
}

/** A model Ollama serves and aistack pulls. */
export interface StackOllamaModel extends StackModel {
  readonly source: 'ollama';
  /** Ollama name:tag as pulled (`llama3.2:3b`). */
  readonly name: string;
  /** Ollama keep_alive (`5m`, `0`, `-1`), when set. */
  readonly keepAlive: string | undefined;
  /** Context window in tokens (num_ctx). */
  readonly contextLength: number;
  /** Open WebUI's default model. */
  readonly default: boolean;
}

/** A model of a hosted OpenAI-compatible provider, routed by LiteLLM. */
export interface StackProviderModel extends StackModel {
  readonly source: 'provider';
  readonly provider: string;
  /** The provider's model id. */
  readonly name: string;
  readonly apiBase: string;
  /** Secret (a file the user writes under .aistack/secrets) and the variable LiteLLM reads it from. */
  readonly apiKey: { readonly secret: string; readonly variable: string } | undefined;
}

export interface StackModels {
  readonly ollama: readonly StackOllamaModel[];
  readonly providers: readonly StackProviderModel[];
  /** Bytes all models may take in Ollama's volume; undefined: free space only. */
  readonly diskBudgetBytes: number | undefined;
  readonly concurrency: number;
  readonly pullOnDeploy: boolean;
}

/** Context length when a model declares none (Ollama's own default is 4096 in 0.32). */
export const DEFAULT_CONTEXT_LENGTH = 4096;
