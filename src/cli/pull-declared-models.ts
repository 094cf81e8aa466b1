import type { Project } from '../project/load.js';
import { connectOllama } from '../models/connect-ollama.js';
import { recordModelPulls } from '../models/models-state.js';
import { createPullProgressRecorder } from '../models/pull-progress-file.js';
import { pullModels } from '../models/pull-models.js';
import type { ModelPullResult } from '../models/pull-models.js';
import type { Engine } from '../runtime/engine.js';
import { AistackError, wordProblem } from '../errors.js';
import { createModelProgressPrinter } from './model-progress.js';
import type { Output } from './output.js';

export interface PullDeclaredOptions {
  /** Names to pull; @default every model in models.ollama */
  readonly names?: readonly string[];
  readonly concurrency?: number;
  readonly signal?: AbortSignal;
}

/** Where the model commands find Ollama and the registry (tests and unusual hosts set these). */
export function ollamaEnvironment(): { url?: string; registry?: string } {
  const url = process.env.AISTACK_OLLAMA_URL;
  const registry = process.env.AISTACK_OLLAMA_REGISTRY;
  return { ...(url ? { url } : {}), ...(registry ? { registry } : {}) };
}

/**
 * Pull the declared models that Ollama does not have yet, with progress, and record the outcome.
 * Never throws for a model: a failure is a warning here, a `failed` state in `.aistack/models.json`
 * (dashboard and monitor) and in `aistack models list`; the caller's rollout stands.
 */
export async function pullDeclaredModels(
  project: Project,
  engine: Engine | undefined,
  output: Output,
  options: PullDeclaredOptions = {},
): Promise<ModelPullResult[]> {
  const models = project.stack.models;
  const names = options.names ?? (models?.ollama ?? []).map((model) => model.name);
  if (names.length === 0) return [];
  let results: ModelPullResult[];
  // The dashboard (`aistack serve`) reads the pulls' progress from this file while they run.
  const recorder = createPullProgressRecorder(project.paths.state, { now: Date.now });
  try {
    const connection = await connectOllama(project.stack, { ...ollamaEnvironment(), ...(engine ? { engine } : {}) });
    const printer = createModelProgressPrinter(output, names);
    results = await pullModels(connection.client, names, {
      concurrency: options.concurrency ?? models?.concurrency ?? 1,
      now: Date.now,
      onProgress: (progress) => {
        printer.onProgress(progress);
        recorder.onProgress(progress);
      },
      sizeOf: connection.sizeOf,
      freeBytes: connection.freeBytes,
      diskBudgetBytes: models?.diskBudgetBytes,
      ...(options.signal ? { signal: options.signal } : {}),
    });
    printer.finish();
  } catch (error: unknown) {
    const coded =
      error instanceof AistackError
        ? { code: error.code, message: error.message, ...(error.hint ? { hint: error.hint } : {}) }
        : {
            ...wordProblem('AIS_MODELS_UNREACHABLE', { reason: (error as Error).message ?? String(error) }),
          };
    results = names.map((model) => ({ model, status: 'failed' as const, transferred: 0, sizeBytes: 0, resumes: 0, error: coded }));
  }
  await recordModelPulls(project.paths.state, results, new Date());
  await recorder.finish();
  const failed = results.filter((result) => result.status === 'failed');
  const transferred = results.reduce((sum, result) => sum + result.transferred, 0);
  output.event('models', {
    pulled: results.filter((result) => result.status === 'pulled').length,
    present: results.filter((result) => result.status === 'present').length,
    failed: failed.length,
    transferred,
    results,
  });
  for (const result of failed) {
    output.note(`warning: model ${result.model}: ${result.error?.code ?? ''} ${result.error?.message ?? 'failed'}`);
    if (result.error?.hint) output.note(`  hint: ${result.error.hint}`);
  }
  return results;
}
