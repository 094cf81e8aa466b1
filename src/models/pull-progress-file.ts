import { mkdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { isMissingFile } from '../util/is-missing-file.js';
import { writeFileAtomic } from '../util/write-file-atomic.js';
import type { ModelPullProgress } from './pull-tracker.js';

/** The pulls a running `up`/`deploy`/`models pull` is doing now, for the dashboard (`/api/models`). */
export interface PullProgressFile {
  /** The pulling process: a dead one's file is stale (it was killed before it could remove it). */
  readonly pid: number;
  readonly updatedAt: string;
  readonly models: readonly ModelPullProgress[];
}

export function pullProgressPath(stateDirectory: string): string {
  return path.join(stateDirectory, 'models-progress.json');
}

export async function readPullProgress(stateDirectory: string): Promise<PullProgressFile | undefined> {
  try {
    return JSON.parse(await readFile(pullProgressPath(stateDirectory), 'utf8')) as PullProgressFile;
  } catch (error: unknown) {
    if (isMissingFile(error) || error instanceof SyntaxError) return undefined;
    throw error;
  }
}

export interface PullProgressRecorder {
  readonly onProgress: (progress: ModelPullProgress) => void;
  /** Write what is pending and remove the file: the pulls' outcome is in models.json now. */
  finish(): Promise<void>;
}

/**
 * Mirror pull progress into `.aistack/models-progress.json`: at once when a model's phase
 * changes, else at most every `intervalMs`. Writes are atomic and one at a time; a failed write
 * is dropped (the terminal keeps its progress, the dashboard misses one update).
 */
export function createPullProgressRecorder(
  stateDirectory: string,
  options: { readonly now: () => number; readonly intervalMs?: number; readonly pid?: number },
): PullProgressRecorder {
  const interval = options.intervalMs ?? 1000;
  const latest = new Map<string, ModelPullProgress>();
  let writtenAt = Number.NEGATIVE_INFINITY;
  let chain: Promise<void> = mkdir(stateDirectory, { recursive: true }).then(() => undefined);
  let finished = false;
  const write = (): void => {
    writtenAt = options.now();
    const content: PullProgressFile = {
      pid: options.pid ?? process.pid,
      updatedAt: new Date(writtenAt).toISOString(),
      models: [...latest.values()].sort((a, b) => a.model.localeCompare(b.model)),
    };
    chain = chain
      .then(() => (finished ? undefined : writeFileAtomic(pullProgressPath(stateDirectory), `${JSON.stringify(content)}\n`, 0o644)))
      .catch(() => undefined);
  };
  return {
    onProgress(progress) {
      const previous = latest.get(progress.model);
      latest.set(progress.model, progress);
      if (previous?.phase !== progress.phase || options.now() - writtenAt >= interval) write();
    },
    async finish() {
      await chain;
      finished = true;
      await rm(pullProgressPath(stateDirectory), { force: true });
    },
  };
}
