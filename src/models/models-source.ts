import { readModelsState } from './models-state.js';
import type { ModelView, ModelsViewInput } from './models-view.js';
import { viewModels } from './models-view.js';
import type { OllamaClient, OllamaLocalModel } from './ollama-client.js';
import { readPullProgress } from './pull-progress-file.js';

/** What `GET /api/models` answers. */
export interface ModelsReport {
  /** Epoch ms. */
  readonly at: number;
  readonly ollama: { readonly reachable: boolean; readonly error?: string };
  readonly models: readonly ModelView[];
}

/** The dashboard's view of the declared models (`aistack serve` on the host passes one to the server). */
export interface ModelsSource {
  report(): Promise<ModelsReport>;
}

export interface ModelsSourceOptions {
  /** The declared models (`stack.models.ollama`). */
  readonly declared: ModelsViewInput['declared'];
  /** `.aistack`: models.json (last pulls) and models-progress.json (pulls running now). */
  readonly stateDirectory: string;
  /** Reach Ollama; a rejection (no Ollama in the stack, not running) is shown as unreachable. */
  readonly connect: () => Promise<OllamaClient>;
  readonly now: () => number;
  /** How long Ollama's model list is reused. @default 5 s */
  readonly cacheMs?: number;
  /** Whether the process that wrote the progress file still runs. @default process.kill(pid, 0) */
  readonly isAlive?: (pid: number) => boolean;
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error: unknown) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Reads the state files and asks Ollama (`/api/tags`, cached briefly) on each report. */
export function createModelsSource(options: ModelsSourceOptions): ModelsSource {
  const cacheMs = options.cacheMs ?? 5000;
  const isAlive = options.isAlive ?? isProcessAlive;
  let client: OllamaClient | undefined;
  let cached: { at: number; stateAt: string | undefined; local: OllamaLocalModel[] | undefined; error?: string } | undefined;
  // A pull that just ended (models.json changed) is not hidden behind the cached list.
  const listLocal = async (stateAt: string | undefined): Promise<{ local: OllamaLocalModel[] | undefined; error?: string }> => {
    if (cached && cached.stateAt === stateAt && options.now() - cached.at < cacheMs) return cached;
    try {
      client ??= await options.connect();
      cached = { at: options.now(), stateAt, local: await client.list() };
    } catch (error: unknown) {
      client = undefined;
      cached = { at: options.now(), stateAt, local: undefined, error: error instanceof Error ? error.message : String(error) };
    }
    return cached;
  };
  return {
    async report() {
      const [state, progress] = await Promise.all([readModelsState(options.stateDirectory), readPullProgress(options.stateDirectory)]);
      const { local, error } = await listLocal(state?.updatedAt);
      const pulling = progress && isAlive(progress.pid) ? progress.models : [];
      return {
        at: options.now(),
        ollama: { reachable: local !== undefined, ...(error === undefined ? {} : { error }) },
        models: viewModels({ declared: options.declared, local, state, pulling }),
      };
    },
  };
}
