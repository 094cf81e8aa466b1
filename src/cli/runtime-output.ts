import type { Engine } from '../runtime/engine.js';
import { createImageRegistry } from '../runtime/image-registry.js';
import type { ProgressRenderer } from '../runtime/progress-renderer.js';
import type { ImagePullProgress } from '../runtime/pull-progress.js';
import { createPullProgressRenderer } from '../runtime/pull-progress.js';
import type { ServicePhase } from '../runtime/rollout.js';
import type { RuntimeContextOptions } from '../runtime/runtime-context.js';
import { ensureStackImages } from '../runtime/stack-images.js';
import type { Stack } from '../stack/types.js';
import type { Output } from './output.js';

/**
 * The runtime's notes and rollout progress in the command's output mode: human lines on stderr
 * (the default renderer), `note`/`service` events with --json, nothing with --quiet.
 */
export function runtimeOutputOptions(output: Output): RuntimeContextOptions {
  if (output.mode.json) {
    return { say: (line) => output.note(line), createProgress: () => createEventProgress(output) };
  }
  if (output.mode.quiet) return { say: () => undefined, createProgress: () => ({ update: () => undefined, finish: () => undefined }) };
  return {};
}

/** A `service` event each time a service changes phase. */
function createEventProgress(output: Output): ProgressRenderer {
  const phases = new Map<string, ServicePhase>();
  return {
    update: (services) => {
      for (const service of services) {
        if (phases.get(service.id) === service.phase) continue;
        phases.set(service.id, service.phase);
        if (service.phase === 'waiting') continue;
        const seconds =
          service.readyAt !== undefined ? Number(((service.readyAt - (service.startedAt ?? 0)) / 1000).toFixed(1)) : undefined;
        output.event('service', {
          service: service.id,
          phase: service.phase,
          ...(seconds === undefined ? {} : { seconds }),
          ...(service.detail ? { detail: service.detail } : {}),
        });
      }
    },
    finish: () => undefined,
  };
}

export interface PullReporter {
  readonly onPull: (progress: ImagePullProgress) => void;
  finish(): void;
}

/** Image pull progress: lines per image on stderr, `pull` events (at most one per image per second) with --json. */
export function createPullReporter(output: Output): PullReporter {
  if (output.mode.quiet && !output.mode.json) return { onPull: () => undefined, finish: () => undefined };
  if (output.mode.json) {
    const last = new Map<string, { at: number; phase: string }>();
    return {
      onPull: (progress) => {
        const before = last.get(progress.reference);
        if (before?.phase === progress.phase && Date.now() - before.at < 1000) return;
        last.set(progress.reference, { at: Date.now(), phase: progress.phase });
        output.event('pull', { ...progress });
      },
      finish: () => undefined,
    };
  }
  const renderer = createPullProgressRenderer(process.stderr);
  return { onPull: (progress) => renderer.update(progress), finish: () => renderer.finish() };
}

/** `up`/`deploy`: every image there (pulled now, with progress) before anything is created. */
export async function ensureImagesForDeploy(engine: Engine, stack: Stack, output: Output): Promise<void> {
  const reporter = createPullReporter(output);
  try {
    await ensureStackImages(engine, stack, createImageRegistry(engine.docker), { onPull: reporter.onPull });
  } finally {
    reporter.finish();
  }
}
