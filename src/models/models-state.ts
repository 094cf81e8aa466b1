import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { isMissingFile } from '../util/is-missing-file.js';
import { writeFileAtomic } from '../util/write-file-atomic.js';
import type { ModelPullResult } from './pull-models.js';

/** The last pull of each declared model, for `aistack models list`, the dashboard (`/api/models`) and the monitor's alert. */
export interface ModelsState {
  readonly updatedAt: string;
  readonly models: readonly (ModelPullResult & { readonly at: string })[];
}

export function modelsStatePath(stateDirectory: string): string {
  return path.join(stateDirectory, 'models.json');
}

export async function readModelsState(stateDirectory: string): Promise<ModelsState | undefined> {
  try {
    return JSON.parse(await readFile(modelsStatePath(stateDirectory), 'utf8')) as ModelsState;
  } catch (error: unknown) {
    if (isMissingFile(error) || error instanceof SyntaxError) return undefined;
    throw error;
  }
}

/** Merge this run's results into the recorded state (models not pulled this time keep their last result). */
export async function recordModelPulls(stateDirectory: string, results: readonly ModelPullResult[], now: Date): Promise<ModelsState> {
  const previous = await readModelsState(stateDirectory);
  const byModel = new Map((previous?.models ?? []).map((entry) => [entry.model, entry]));
  for (const result of results) byModel.set(result.model, { ...result, at: now.toISOString() });
  const state: ModelsState = {
    updatedAt: now.toISOString(),
    models: [...byModel.values()].sort((a, b) => a.model.localeCompare(b.model)),
  };
  await mkdir(stateDirectory, { recursive: true });
  await writeFileAtomic(modelsStatePath(stateDirectory), `${JSON.stringify(state, null, 2)}\n`, 0o644);
  return state;
}
