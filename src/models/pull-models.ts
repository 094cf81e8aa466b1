import { AistackError, wordProblem } from '../errors.js';
import { checkDiskBudget } from './disk-budget.js';
import type { OllamaClient } from './ollama-client.js';
import { PullInterruptedError } from './ollama-client.js';
import { createModelPullTracker } from './pull-tracker.js';
import type { ModelPullProgress } from './pull-tracker.js';

export interface PullModelsOptions {
  /** Models pulled at once. @default 1 */
  readonly concurrency?: number;
  /** Resumes per model after a dropped connection. @default 5 */
  readonly resumes?: number;
  /** Milliseconds, for rate and ETA. */
  readonly now: () => number;
  readonly onProgress?: (progress: ModelPullProgress) => void;
  readonly signal?: AbortSignal;
  /** The model's size before pulling (registry manifest), undefined when unknown. */
  readonly sizeOf?: (name: string) => Promise<number | undefined>;
  /** Free bytes in Ollama's volume, undefined when unknown. */
  readonly freeBytes?: () => Promise<number | undefined>;
  readonly diskBudgetBytes?: number | undefined;
  /** Milliseconds to wait before a resume. @default 500 */
  readonly resumeDelayMs?: number;
}

export interface ModelPullResult {
  readonly model: string;
  readonly status: 'present' | 'pulled' | 'failed';
  /** Bytes fetched by this run. */
  readonly transferred: number;
  readonly sizeBytes: number;
  readonly resumes: number;
  readonly error?: { readonly code: string; readonly message: string; readonly hint?: string };
}

/** Ollama answers `name` and `name:latest` alike. */
function sameModel(left: string, right: string): boolean {
  const full = (name: string): string => (name.includes(':') ? name : `${name}:latest`);
  return full(left) === full(right);
}

/**
 * Pull the models that are not in Ollama yet: idempotent (present models are not asked for, so a
 * re-run fetches 0 bytes), budgeted before any byte, resumed after a dropped connection (Ollama
 * keeps partial layers), `concurrency` at a time. A failure is a result, never a throw, so one bad
 * model leaves the others and the rest of the rollout alone.
 */
export async function pullModels(client: OllamaClient, names: readonly string[], options: PullModelsOptions): Promise<ModelPullResult[]> {
  const local = await client.list();
  const results = new Map<string, ModelPullResult>();
  const missing: string[] = [];
  for (const name of names) {
    const found = local.find((model) => sameModel(model.name, name));
    if (found) {
      results.set(name, { model: name, status: 'present', transferred: 0, sizeBytes: found.size, resumes: 0 });
      options.onProgress?.(createModelPullTracker(name, options.now(), found.size).finish('present', options.now()));
    } else missing.push(name);
  }
  if (missing.length > 0) {
    const sizes = new Map<string, number | undefined>();
    for (const name of missing) sizes.set(name, await options.sizeOf?.(name).catch(() => undefined));
    const refusals = checkDiskBudget({
      missing: missing.map((name) => ({ name, size: sizes.get(name) })),
      presentBytes: local.reduce((sum, model) => sum + model.size, 0),
      freeBytes: await options.freeBytes?.().catch(() => undefined),
      budgetBytes: options.diskBudgetBytes,
    });
    for (const refusal of refusals) {
      results.set(refusal.name, {
        model: refusal.name,
        status: 'failed',
        transferred: 0,
        sizeBytes: sizes.get(refusal.name) ?? 0,
        resumes: 0,
        error: { code: refusal.code, message: refusal.message, hint: refusal.hint },
      });
      options.onProgress?.(
        createModelPullTracker(refusal.name, options.now(), sizes.get(refusal.name)).finish('failed', options.now(), refusal.message),
      );
    }
    const queue = missing.filter((name) => !results.has(name));
    const worker = async (): Promise<void> => {
      for (let name = queue.shift(); name !== undefined; name = queue.shift())
        results.set(name, await pullOne(client, name, sizes.get(name), options));
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency ?? 1, queue.length)) }, worker));
  }
  return names.map((name) => results.get(name)!);
}

async function pullOne(client: OllamaClient, name: string, size: number | undefined, options: PullModelsOptions): Promise<ModelPullResult> {
  const tracker = createModelPullTracker(name, options.now(), size);
  const report = (progress: ModelPullProgress): ModelPullProgress => {
    options.onProgress?.(progress);
    return progress;
  };
  const allowed = options.resumes ?? 5;
  report(tracker.snapshot(options.now()));
  for (let attempt = 0; ; attempt += 1) {
    try {
      await client.pull(name, (event) => report(tracker.push(event, options.now())), options.signal);
      const done = report(tracker.finish('done', options.now()));
      return { model: name, status: 'pulled', transferred: done.transferred, sizeBytes: done.bytes.total, resumes: done.resumes };
    } catch (error: unknown) {
      if (error instanceof PullInterruptedError && attempt < allowed && !options.signal?.aborted) {
        report(tracker.resumed(options.now(), `connection dropped; resuming (${attempt + 1}/${allowed})`));
        await new Promise((resolve) => setTimeout(resolve, options.resumeDelayMs ?? 500));
        continue;
      }
      const coded =
        error instanceof AistackError
          ? { code: error.code, message: error.message, ...(error.hint ? { hint: error.hint } : {}) }
          : {
              ...wordProblem('AIS_MODELS_PULL_FAILED', { model: name, reason: (error as Error).message ?? String(error) }),
            };
      const failed = report(tracker.finish('failed', options.now(), coded.message));
      return {
        model: name,
        status: 'failed',
        transferred: failed.transferred,
        sizeBytes: failed.bytes.total,
        resumes: failed.resumes,
        error: coded,
      };
    }
  }
}
