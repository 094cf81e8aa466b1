import { formatBytes } from '../util/format-bytes.js';
/** Where one image's pull stands, summed over its layers (what `docker compose pull` shows per image). */
export interface ImagePullProgress {
  readonly reference: string;
  readonly phase: 'pulling' | 'done' | 'failed';
  readonly layers: { readonly done: number; readonly total: number };
  /** Bytes downloaded of the layers that had to be downloaded (layers already here count 0). */
  readonly bytes: { readonly done: number; readonly total: number };
  readonly detail?: string;
}

/** One line of the Engine's pull stream (`POST /images/create`). */
export interface PullEvent {
  readonly status?: string;
  readonly id?: string;
  readonly progressDetail?: { readonly current?: number; readonly total?: number };
  readonly error?: string;
  readonly errorDetail?: { readonly message?: string };
}

const LAYER_STATUSES = new Set([
  'Pulling fs layer',
  'Waiting',
  'Downloading',
  'Verifying Checksum',
  'Download complete',
  'Extracting',
  'Pull complete',
  'Already exists',
]);
const FINISHED = new Set(['Pull complete', 'Already exists']);
const DOWNLOADED = new Set(['Verifying Checksum', 'Download complete', 'Extracting', 'Pull complete']);

export interface PullTracker {
  /** Take one event; returns the progress after it. */
  push(event: PullEvent): ImagePullProgress;
  finish(phase: 'done' | 'failed', detail?: string): ImagePullProgress;
}

/** Fold a pull's event stream into one progress value per image. Pure. */
export function createPullTracker(reference: string): PullTracker {
  const layers = new Map<string, { status: string; current: number; total: number }>();
  let phase: ImagePullProgress['phase'] = 'pulling';
  let detail: string | undefined;
  const snapshot = (): ImagePullProgress => {
    let done = 0;
    let bytesDone = 0;
    let bytesTotal = 0;
    for (const layer of layers.values()) {
      if (FINISHED.has(layer.status)) done += 1;
      bytesDone += layer.current;
      bytesTotal += layer.total;
    }
    return {
      reference,
      phase,
      layers: { done, total: layers.size },
      bytes: { done: bytesDone, total: bytesTotal },
      ...(detail === undefined ? {} : { detail }),
    };
  };
  return {
    push: (event) => {
      const status = event.status ?? '';
      if (event.id !== undefined && LAYER_STATUSES.has(status)) {
        const layer = layers.get(event.id) ?? { status, current: 0, total: 0 };
        layer.status = status;
        if (status === 'Downloading') {
          layer.total = event.progressDetail?.total ?? layer.total;
          layer.current = event.progressDetail?.current ?? layer.current;
        } else if (DOWNLOADED.has(status)) layer.current = layer.total;
        layers.set(event.id, layer);
      }
      return snapshot();
    },
    finish: (next, why) => {
      phase = next;
      detail = why;
      if (next === 'done') for (const layer of layers.values()) layer.status = 'Pull complete';
      return snapshot();
    },
  };
}

/** `ollama/ollama:0.32.15  pulling  3/7 layers  812.0 MiB / 2.1 GiB`. Pure. */
export function formatPullLine(progress: ImagePullProgress, width: number): string {
  const symbol = progress.phase === 'done' ? '✓' : progress.phase === 'failed' ? '✗' : '↓';
  const word = progress.phase === 'done' ? 'pulled' : progress.phase === 'failed' ? 'failed' : 'pulling';
  const layers = progress.layers.total > 0 ? `  ${progress.layers.done}/${progress.layers.total} layers` : '';
  const bytes =
    progress.bytes.total > 0
      ? progress.phase === 'done'
        ? `  ${formatBytes(progress.bytes.total)}`
        : `  ${formatBytes(progress.bytes.done)} / ${formatBytes(progress.bytes.total)}`
      : '';
  return `${symbol} ${progress.reference.padEnd(width)}  ${word}${layers}${bytes}${progress.detail ? `  ${progress.detail}` : ''}`;
}

export interface PullProgressRenderer {
  update(progress: ImagePullProgress): void;
  finish(): void;
}

/**
 * One line per image: redrawn in place on a terminal; elsewhere a line when a pull starts, ends,
 * and at most every `intervalMs` while it runs, so a long pull is never silent.
 */
export function createPullProgressRenderer(
  stream: NodeJS.WritableStream & { isTTY?: boolean },
  options: { readonly tty?: boolean; readonly intervalMs?: number; readonly now?: () => number } = {},
): PullProgressRenderer {
  const tty = options.tty ?? stream.isTTY === true;
  const interval = options.intervalMs ?? 5000;
  const now = options.now ?? Date.now;
  const latest = new Map<string, ImagePullProgress>();
  const printed = new Map<string, { at: number; phase: ImagePullProgress['phase'] }>();
  let drawn = 0;
  let timer: NodeJS.Timeout | undefined;
  const width = (): number => Math.max(0, ...[...latest.keys()].map((reference) => reference.length));
  const draw = (): void => {
    const lines = [...latest.values()].map((progress) => formatPullLine(progress, width()));
    stream.write(`${drawn > 0 ? `\x1b[${drawn}A` : ''}${lines.map((line) => `\x1b[2K${line}\n`).join('')}`);
    drawn = lines.length;
  };
  return {
    update: (progress) => {
      latest.set(progress.reference, progress);
      if (tty) {
        timer ??= setTimeout(() => {
          timer = undefined;
          draw();
        }, 100);
        return;
      }
      const last = printed.get(progress.reference);
      if (last?.phase === progress.phase && now() - last.at < interval) return;
      printed.set(progress.reference, { at: now(), phase: progress.phase });
      stream.write(`${formatPullLine(progress, progress.reference.length)}\n`);
    },
    finish: () => {
      if (timer) clearTimeout(timer);
      timer = undefined;
      if (tty && latest.size > 0) draw();
    },
  };
}
