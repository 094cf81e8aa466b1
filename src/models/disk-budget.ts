import { wordProblem } from '../errors.js';

export interface BudgetInput {
  /** Models to pull, in order, with their size when the registry said it. */
  readonly missing: readonly { readonly name: string; readonly size: number | undefined }[];
  /** Bytes the models already in Ollama's volume take (`/api/tags`). */
  readonly presentBytes: number;
  /** Free bytes in Ollama's volume; undefined when it could not be measured. */
  readonly freeBytes: number | undefined;
  /** `models.diskBudget` in bytes. */
  readonly budgetBytes: number | undefined;
}

export interface BudgetRefusal {
  readonly name: string;
  readonly code: 'AIS_MODELS_DISK_BUDGET' | 'AIS_MODELS_DISK_FULL';
  readonly message: string;
  readonly hint: string;
}

/**
 * Which pulls would pass `models.diskBudget` or the volume's free space, decided before any byte
 * is fetched (Ollama itself checks neither: ollama/ollama#4809, #12353). Models are taken in
 * order; one that does not fit is refused and the ones after it still get their chance. Pure.
 */
export function checkDiskBudget(input: BudgetInput): BudgetRefusal[] {
  const refusals: BudgetRefusal[] = [];
  let planned = 0;
  for (const model of input.missing) {
    if (model.size === undefined) continue;
    const used = input.presentBytes + planned + model.size;
    if (input.budgetBytes !== undefined && used > input.budgetBytes) {
      refusals.push({
        name: model.name,
        ...wordProblem('AIS_MODELS_DISK_BUDGET', {
          model: model.name,
          size: model.size,
          taken: input.presentBytes + planned,
          budget: input.budgetBytes,
        }),
        hint: 'raise models.diskBudget, remove models you no longer use (`aistack models prune`), or pick a smaller tag',
      });
      continue;
    }
    if (input.freeBytes !== undefined && planned + model.size > input.freeBytes) {
      refusals.push({
        name: model.name,
        ...wordProblem('AIS_MODELS_DISK_FULL', {
          model: model.name,
          size: model.size,
          free: Math.max(0, input.freeBytes - planned),
          afterEarlier: planned > 0,
        }),
        hint: 'free space on the Docker host (`docker system df`), or remove models (`aistack models prune`)',
      });
      continue;
    }
    planned += model.size;
  }
  return refusals;
}
