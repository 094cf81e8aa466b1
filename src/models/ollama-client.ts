import { defineErrorClass } from '../errors.js';
import type { AistackError } from '../errors.js';
import { scalarText } from '../util/scalar-text.js';

/** Errors talking to Ollama's HTTP API. */
export const ModelsError = defineErrorClass('ModelsError');
export type ModelsError = AistackError;

/** One line of `POST /api/pull`'s NDJSON stream (docs/api.md): a status, and per layer its digest, total and completed bytes. */
export interface OllamaPullEvent {
  readonly status?: string;
  readonly digest?: string;
  readonly total?: number;
  readonly completed?: number;
  readonly error?: string;
}

/** A model in `GET /api/tags`. */
export interface OllamaLocalModel {
  readonly name: string;
  readonly size: number;
  readonly digest: string;
  readonly modifiedAt: string;
  readonly parameterSize?: string;
  readonly quantization?: string;
}

/** A loaded model in `GET /api/ps`: `size` in memory, of which `sizeVram` on the GPU. */
export interface OllamaRunningModel {
  readonly name: string;
  readonly size: number;
  readonly sizeVram: number;
  readonly expiresAt?: string;
  readonly contextLength?: number;
}

/** What `POST /api/show` says about a model's shape (the VRAM estimate needs it). */
export interface OllamaModelShape {
  readonly parameterCount?: number;
  readonly blockCount?: number;
  readonly embeddingLength?: number;
  readonly headCount?: number;
  readonly headCountKv?: number;
  readonly contextLength?: number;
  readonly quantization?: string;
}

/** aistack's view of Ollama's API. Tests give it a stand-in server; nothing else knows the HTTP details. */
export interface OllamaClient {
  readonly baseUrl: string;
  version(): Promise<string>;
  list(): Promise<OllamaLocalModel[]>;
  /** Streams the pull; resolves when Ollama says `success`, rejects on an `error` line or a dropped connection. */
  pull(name: string, onEvent: (event: OllamaPullEvent) => void, signal?: AbortSignal): Promise<void>;
  /** false when Ollama did not have it. */
  remove(name: string): Promise<boolean>;
  running(): Promise<OllamaRunningModel[]>;
  show(name: string): Promise<OllamaModelShape>;
}

/** A pull stream that ended without `success` or `error` (the connection dropped): a resume can pick it up. */
export const PullInterruptedError = defineErrorClass('PullInterruptedError', ModelsError);
export type PullInterruptedError = AistackError;

type Fetch = typeof fetch;

function unreachable(baseUrl: string, cause: unknown): ModelsError {
  return new ModelsError('AIS_MODELS_UNREACHABLE', {
    url: baseUrl,
    reason: (cause as Error).message ?? String(cause),
    hint: 'is the stack up (`aistack status`)? Ollama must be running and healthy; set AISTACK_OLLAMA_URL to use another address',
    cause,
  });
}

async function failure(response: Response, what: string): Promise<ModelsError> {
  const text = await response.text().catch(() => '');
  let error = text.trim();
  try {
    error = (JSON.parse(text) as { error?: string }).error ?? error;
  } catch {
    // not JSON: keep the text
  }
  return new ModelsError('AIS_MODELS_API', {
    refused: what,
    status: response.status,
    error,
    hint: response.status === 404 ? 'check the model name and tag on ollama.com/library' : 'see `aistack logs ollama`',
  });
}

function numberOf(info: Record<string, unknown>, suffix: string): number | undefined {
  for (const [key, value] of Object.entries(info)) if (key.endsWith(suffix) && typeof value === 'number') return value;
  return undefined;
}

/** An OllamaClient over HTTP (Node's fetch). */
export function createOllamaClient(baseUrl: string, options: { readonly fetch?: Fetch; readonly timeoutMs?: number } = {}): OllamaClient {
  const base = baseUrl.replace(/\/$/, '');
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const call = async (path: string, init: RequestInit = {}, timeout = true): Promise<Response> => {
    try {
      return await doFetch(`${base}${path}`, {
        ...init,
        ...(timeout && !init.signal ? { signal: AbortSignal.timeout(timeoutMs) } : {}),
        headers: { 'content-type': 'application/json' },
      });
    } catch (error: unknown) {
      if ((error as Error).name === 'AbortError' && init.signal?.aborted) throw error;
      throw unreachable(base, error);
    }
  };
  const json = async <T>(path: string, init: RequestInit, what: string): Promise<T> => {
    const response = await call(path, init);
    if (!response.ok) throw await failure(response, what);
    return (await response.json()) as T;
  };
  return {
    baseUrl: base,
    async version() {
      return (await json<{ version: string }>('/api/version', {}, 'the version request')).version;
    },
    async list() {
      const body = await json<{ models?: Record<string, unknown>[] }>('/api/tags', {}, 'the model list');
      return (body.models ?? []).map((model) => {
        const details = (model.details ?? {}) as Record<string, unknown>;
        return {
          name: String(model.name ?? model.model),
          size: Number(model.size ?? 0),
          digest: scalarText(model.digest),
          modifiedAt: scalarText(model.modified_at),
          ...(typeof details.parameter_size === 'string' ? { parameterSize: details.parameter_size } : {}),
          ...(typeof details.quantization_level === 'string' ? { quantization: details.quantization_level } : {}),
        };
      });
    },
    async pull(name, onEvent, signal) {
      const response = await call(
        '/api/pull',
        { method: 'POST', body: JSON.stringify({ model: name, stream: true }), ...(signal ? { signal } : {}) },
        false,
      ).catch((error: unknown) => {
        if (error instanceof ModelsError && error.code === 'AIS_MODELS_UNREACHABLE')
          throw new PullInterruptedError('AIS_MODELS_PULL_INTERRUPTED', {
            unreachable: error.message,
            hint: error.hint ?? '',
            cause: error,
          });
        throw error;
      });
      if (!response.ok || !response.body) throw await failure(response, `to pull ${name}`);
      const decoder = new TextDecoder();
      let buffered = '';
      let succeeded = false;
      const take = (line: string): void => {
        if (line.trim() === '') return;
        let event: OllamaPullEvent;
        try {
          event = JSON.parse(line) as OllamaPullEvent;
        } catch {
          throw new ModelsError('AIS_MODELS_API', { pulling: name, line });
        }
        if (event.error) {
          throw new ModelsError('AIS_MODELS_PULL_FAILED', {
            model: name,
            reason: event.error,
            hint: /not found|does not exist|file does not exist/i.test(event.error)
              ? 'check the name and tag on ollama.com/library'
              : 'run `aistack models pull` again: Ollama resumes where it stopped',
          });
        }
        if (event.status === 'success') succeeded = true;
        onEvent(event);
      };
      try {
        for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
          buffered += decoder.decode(chunk, { stream: true });
          let newline = buffered.indexOf('\n');
          while (newline >= 0) {
            take(buffered.slice(0, newline));
            buffered = buffered.slice(newline + 1);
            newline = buffered.indexOf('\n');
          }
        }
        take(buffered);
      } catch (error: unknown) {
        if (error instanceof ModelsError || signal?.aborted) throw error;
        throw new PullInterruptedError('AIS_MODELS_PULL_INTERRUPTED', {
          model: name,
          ended: 'dropped',
          cause: error,
        });
      }
      if (!succeeded)
        throw new PullInterruptedError('AIS_MODELS_PULL_INTERRUPTED', {
          model: name,
          ended: 'early',
          hint: 'run `aistack models pull` again: Ollama resumes the layer where it stopped',
        });
    },
    async remove(name) {
      const response = await call('/api/delete', { method: 'DELETE', body: JSON.stringify({ model: name }) });
      if (response.status === 404) return false;
      if (!response.ok) throw await failure(response, `to remove ${name}`);
      return true;
    },
    async running() {
      const body = await json<{ models?: Record<string, unknown>[] }>('/api/ps', {}, 'the list of loaded models');
      return (body.models ?? []).map((model) => ({
        name: String(model.name ?? model.model),
        size: Number(model.size ?? 0),
        sizeVram: Number(model.size_vram ?? 0),
        ...(typeof model.expires_at === 'string' ? { expiresAt: model.expires_at } : {}),
        ...(typeof model.context_length === 'number' ? { contextLength: model.context_length } : {}),
      }));
    },
    async show(name) {
      const body = await json<{ model_info?: Record<string, unknown>; details?: Record<string, unknown> }>(
        '/api/show',
        { method: 'POST', body: JSON.stringify({ model: name }) },
        `to describe ${name}`,
      );
      const info = body.model_info ?? {};
      const shape: Record<string, number | string> = {};
      const put = (key: keyof OllamaModelShape, value: number | string | undefined): void => {
        if (value !== undefined) shape[key] = value;
      };
      put('parameterCount', numberOf(info, 'general.parameter_count'));
      put('blockCount', numberOf(info, '.block_count'));
      put('embeddingLength', numberOf(info, '.embedding_length'));
      put('headCount', numberOf(info, '.attention.head_count'));
      put('headCountKv', numberOf(info, '.attention.head_count_kv'));
      put('contextLength', numberOf(info, '.context_length'));
      const quantization = body.details?.quantization_level;
      put('quantization', typeof quantization === 'string' ? quantization : undefined);
      return shape;
    },
  };
}
