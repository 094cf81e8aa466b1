import type { OllamaPullEvent } from './ollama-client.js';
import { formatBytes } from '../util/format-bytes.js';

export type ModelPullPhase = 'present' | 'pulling' | 'verifying' | 'done' | 'failed';

/** Where one model's pull stands: what the terminal line, the `--json` event and the dashboard show. */
export interface ModelPullProgress {
  readonly model: string;
  readonly phase: ModelPullPhase;
  /** Bytes of the model on disk so far, of its total (the registry's size when known, else the layers seen). */
  readonly bytes: { readonly done: number; readonly total: number };
  /** Bytes fetched by this run (a resumed layer counts only what came after the resume; a present model 0). */
  readonly transferred: number;
  /** Average bytes per second of this run; 0 before the first byte. */
  readonly rate: number;
  /** Seconds left at that rate; undefined while unknown. */
  readonly etaSeconds: number | undefined;
  /** How many times the connection dropped and the pull was resumed. */
  readonly resumes: number;
  readonly detail?: string;
}

export interface ModelPullTracker {
  push(event: OllamaPullEvent, atMs: number): ModelPullProgress;
  resumed(atMs: number, detail: string): ModelPullProgress;
  finish(phase: 'done' | 'failed' | 'present', atMs: number, detail?: string): ModelPullProgress;
  snapshot(atMs: number): ModelPullProgress;
}

/** Fold one model's pull events (over every resume) into one progress value. Pure: the caller passes the time. */
export function createModelPullTracker(model: string, startedAtMs: number, expectedTotal?: number): ModelPullTracker {
  const layers = new Map<string, { first: number; last: number; total: number }>();
  let phase: ModelPullPhase = 'pulling';
  let detail: string | undefined;
  let resumes = 0;
  const snapshot = (atMs: number): ModelPullProgress => {
    let done = 0;
    let seen = 0;
    let transferred = 0;
    for (const layer of layers.values()) {
      done += layer.last;
      seen += layer.total;
      transferred += layer.last - layer.first;
    }
    const total = Math.max(expectedTotal ?? 0, seen);
    const seconds = Math.max(0, atMs - startedAtMs) / 1000;
    const rate = seconds > 0 ? transferred / seconds : 0;
    const left = Math.max(0, total - done);
    return {
      model,
      phase,
      bytes: { done, total },
      transferred,
      rate,
      etaSeconds: phase === 'done' || phase === 'present' ? 0 : rate > 0 && total > 0 ? left / rate : undefined,
      resumes,
      ...(detail === undefined ? {} : { detail }),
    };
  };
  return {
    push(event, atMs) {
      if (event.digest !== undefined && typeof event.total === 'number') {
        const completed = event.completed ?? 0;
        const layer = layers.get(event.digest);
        if (layer) layer.last = Math.max(layer.last, completed);
        else layers.set(event.digest, { first: completed, last: completed, total: event.total });
        detail = undefined;
      } else if (event.status) {
        if (/^verifying|^writing|^removing/.test(event.status)) phase = 'verifying';
        detail = event.status;
      }
      return snapshot(atMs);
    },
    resumed(atMs, text) {
      resumes += 1;
      detail = text;
      return snapshot(atMs);
    },
    finish(final, atMs, text) {
      phase = final;
      detail = text;
      return snapshot(atMs);
    },
    snapshot,
  };
}

function formatDuration(seconds: number): string {
  const whole = Math.ceil(seconds);
  if (whole < 60) return `${whole}s`;
  if (whole < 3600) return `${Math.floor(whole / 60)}m${String(whole % 60).padStart(2, '0')}s`;
  return `${Math.floor(whole / 3600)}h${String(Math.floor((whole % 3600) / 60)).padStart(2, '0')}m`;
}

/** `↓ llama3.2:3b  1.2 GiB / 2.0 GiB  60%  45.3 MiB/s  ETA 18s` — one terminal line per model. */
export function formatModelProgress(progress: ModelPullProgress, width: number): string {
  const name = progress.model.padEnd(width);
  const { done, total } = progress.bytes;
  switch (progress.phase) {
    case 'present':
      return `✓ ${name}  present (${formatBytes(total)}), nothing to fetch`;
    case 'done':
      return (
        `✓ ${name}  pulled ${formatBytes(total)} (${formatBytes(progress.transferred)} ` +
        `fetched${progress.resumes > 0 ? `, resumed ${progress.resumes}×` : ''})`
      );
    case 'failed':
      return `✗ ${name}  failed: ${progress.detail ?? 'unknown error'}`;
    case 'verifying':
      return `… ${name}  ${progress.detail ?? 'verifying'}`;
    default: {
      const percent = total > 0 ? ` ${Math.floor((done / total) * 100)}%` : '';
      const rate = progress.rate > 0 ? `  ${formatBytes(progress.rate)}/s` : '';
      const eta = progress.etaSeconds === undefined ? '' : `  ETA ${formatDuration(progress.etaSeconds)}`;
      const note = progress.detail?.startsWith('connection') ? `  (${progress.detail})` : '';
      return `↓ ${name}  ${formatBytes(done)} / ${total > 0 ? formatBytes(total) : '?'}${percent}${rate}${eta}${note}`;
    }
  }
}
