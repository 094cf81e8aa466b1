import { formatModelProgress } from '../models/pull-tracker.js';
import type { ModelPullProgress } from '../models/pull-tracker.js';
import type { Output } from './output.js';

export interface ModelProgressPrinter {
  readonly onProgress: (progress: ModelPullProgress) => void;
  finish(): void;
}

/**
 * Model pulls as people and programs see them: on a terminal one line per model redrawn in place;
 * elsewhere a line when a model changes phase or every 10 s; with --json a `model-pull` event on
 * each phase change and at most once a second per model while bytes arrive. Quiet: nothing.
 */
export function createModelProgressPrinter(
  output: Output,
  names: readonly string[],
  options: { readonly tty?: boolean; readonly stream?: { write(text: string): unknown }; readonly now?: () => number } = {},
): ModelProgressPrinter {
  const stream = options.stream ?? process.stderr;
  const tty = options.tty ?? (process.stderr.isTTY && !output.mode.json);
  const now = options.now ?? Date.now;
  const width = Math.max(8, ...names.map((name) => name.length));
  const latest = new Map<string, ModelPullProgress>();
  const lastShown = new Map<string, { phase: string; at: number }>();
  let drawn = 0;
  const redraw = (): void => {
    const lines = [...latest.values()].map((progress) => formatModelProgress(progress, width));
    stream.write(`${drawn > 0 ? `\u001b[${drawn}A` : ''}${lines.map((line) => `\u001b[2K${line}\n`).join('')}`);
    drawn = lines.length;
  };
  return {
    onProgress: (progress) => {
      latest.set(progress.model, progress);
      const shown = lastShown.get(progress.model);
      const changed = shown?.phase !== progress.phase;
      const at = now();
      if (output.mode.json) {
        if (changed || at - (shown?.at ?? 0) >= 1000) {
          lastShown.set(progress.model, { phase: progress.phase, at });
          output.event('model-pull', { ...progress });
        }
        return;
      }
      if (output.mode.quiet) return;
      if (tty) {
        if (changed || at - (shown?.at ?? 0) >= 100) {
          lastShown.set(progress.model, { phase: progress.phase, at });
          redraw();
        }
        return;
      }
      if (changed || at - (shown?.at ?? 0) >= 10_000) {
        lastShown.set(progress.model, { phase: progress.phase, at });
        stream.write(`${formatModelProgress(progress, width)}\n`);
      }
    },
    finish: () => {
      if (tty && !output.mode.quiet && latest.size > 0) {
        drawn = drawn > 0 ? drawn : 0;
        redraw();
      }
    },
  };
}
