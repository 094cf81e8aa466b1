import { readModelsState } from '../../models/models-state.js';
import { isSameModel } from '../../models/same-model.js';

const CACHE_MS = 15_000;

export interface ModelProblem {
  readonly model: string;
  readonly summary: string;
}

export interface ModelProblemCacheOptions {
  /** `.aistack` (its models.json) and the declared model names; undefined: never a problem. */
  readonly models: { readonly stateDirectory: string; readonly declared: readonly string[] } | undefined;
  readonly now: () => number;
  readonly onError: (error: unknown) => void;
}

/**
 * The declared models whose last pull failed, for the `model-pull-failed` rule, read from
 * models.json at most every 15 s. A later pull that succeeds (or finds the model present)
 * replaces the entry, so the problem, and its alert, go away.
 */
export function createModelProblemCache(options: ModelProblemCacheOptions): () => Promise<readonly ModelProblem[]> {
  let cached: { value: readonly ModelProblem[]; at: number } | undefined;
  return async () => {
    const { models, now } = options;
    if (!models) return [];
    if (cached && now() - cached.at < CACHE_MS) return cached.value;
    try {
      const state = await readModelsState(models.stateDirectory);
      const value = (state?.models ?? [])
        .filter((entry) => entry.status === 'failed' && models.declared.some((name) => isSameModel(name, entry.model)))
        .map((entry) => ({
          model: entry.model,
          summary:
            `pulling model ${entry.model} failed: ${entry.error?.code ?? 'AIS_MODELS_PULL_FAILED'} ${entry.error?.message ?? ''}`.trim(),
        }));
      cached = { value, at: now() };
    } catch (error: unknown) {
      cached = { value: [], at: now() };
      options.onError(error);
    }
    return cached.value;
  };
}
