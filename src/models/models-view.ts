import type { ModelsState } from './models-state.js';
import type { OllamaLocalModel } from './ollama-client.js';
import type { ModelPullProgress } from './pull-tracker.js';
import { isSameModel } from './same-model.js';

export type ModelViewState = 'present' | 'missing' | 'pulling' | 'failed';

/** One declared model as the dashboard shows it. */
export interface ModelView {
  readonly name: string;
  readonly displayName: string;
  readonly apps: readonly string[];
  readonly state: ModelViewState;
  /** Size in Ollama (present) or of the pull (pulling); undefined when unknown. */
  readonly sizeBytes: number | undefined;
  /** While pulling: bytes on disk of the total, bytes per second, seconds left (undefined while unknown). */
  readonly pull?: {
    readonly phase: 'pulling' | 'verifying';
    readonly doneBytes: number;
    readonly totalBytes: number;
    readonly rateBytesPerSecond: number;
    readonly etaSeconds?: number;
    readonly resumes: number;
  };
  /** Why the last pull failed (state `failed`). */
  readonly error?: { readonly code: string; readonly message: string; readonly hint?: string };
  /** When aistack last pulled (or found) it, ISO 8601. */
  readonly lastPullAt?: string;
}

export interface ModelsViewInput {
  readonly declared: readonly { readonly name: string; readonly displayName: string; readonly apps: readonly string[] }[];
  /** `GET /api/tags`; undefined when Ollama did not answer (the recorded state is all there is). */
  readonly local: readonly OllamaLocalModel[] | undefined;
  readonly state: ModelsState | undefined;
  /** Pulls running now (`models-progress.json` of a live process). */
  readonly pulling: readonly ModelPullProgress[];
}

/**
 * Each declared model's state: pulling (a live pull says so), present (Ollama has it), failed
 * (missing, and its last pull failed: the reason), else missing. Without Ollama's answer the last
 * recorded pull decides. Pure.
 */
export function viewModels(input: ModelsViewInput): ModelView[] {
  return input.declared.map((model) => {
    const base = { name: model.name, displayName: model.displayName, apps: model.apps };
    const last = input.state?.models.find((entry) => isSameModel(entry.model, model.name));
    const lastPullAt = last ? { lastPullAt: last.at } : {};
    const live = input.pulling.find((progress) => isSameModel(progress.model, model.name));
    if (live && (live.phase === 'pulling' || live.phase === 'verifying')) {
      return {
        ...base,
        state: 'pulling',
        sizeBytes: live.bytes.total > 0 ? live.bytes.total : undefined,
        pull: {
          phase: live.phase,
          doneBytes: live.bytes.done,
          totalBytes: live.bytes.total,
          rateBytesPerSecond: live.rate,
          ...(live.etaSeconds === undefined || live.etaSeconds === null ? {} : { etaSeconds: live.etaSeconds }),
          resumes: live.resumes,
        },
        ...lastPullAt,
      };
    }
    const found = input.local?.find((candidate) => isSameModel(candidate.name, model.name));
    if (found) return { ...base, state: 'present', sizeBytes: found.size, ...lastPullAt };
    if (input.local === undefined && last && last.status !== 'failed')
      return { ...base, state: 'present', sizeBytes: last.sizeBytes, ...lastPullAt };
    if (last?.status === 'failed')
      return { ...base, state: 'failed', sizeBytes: undefined, ...(last.error ? { error: last.error } : {}), ...lastPullAt };
    return { ...base, state: 'missing', sizeBytes: undefined, ...lastPullAt };
  });
}
