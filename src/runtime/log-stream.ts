import type { Readable } from 'node:stream';
import { DockerError } from '../errors.js';
import type { ContainerState, Engine } from './engine.js';
import { ONE_OFF_LABEL } from './engine.js';
import { createLineAssembler, logLines } from './log-frames.js';

export interface LogOptions {
  readonly services: readonly string[];
  readonly follow: boolean;
  /** Epoch seconds. */
  readonly since?: number;
  readonly tail?: number;
  readonly grep?: RegExp;
  readonly timestamps: boolean;
  readonly color: boolean;
  /** One JSON object per line (`{"service","time","text"}`) instead of the prefixed text. @default false */
  readonly json?: boolean;
}

export interface LogLine {
  readonly service: string;
  readonly time: string;
  readonly text: string;
}

const COLORS = [36, 33, 32, 35, 34, 91, 92, 93, 94, 95, 96];

/** `10m`, `2h`, `30s`, `1d` or an ISO date → epoch seconds. */
export function parseSince(value: string, now: Date): number {
  const relative = /^(\d+)([smhd])$/.exec(value);
  if (relative) {
    const unit = { s: 1, m: 60, h: 3600, d: 86400 }[relative[2] as 's' | 'm' | 'h' | 'd'];
    return Math.floor(now.getTime() / 1000) - Number(relative[1]) * unit;
  }
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) {
    throw new DockerError('AIS_RUNTIME_BAD_SINCE', {
      value,
      hint: 'use e.g. --since 10m or --since 2026-01-31T12:00:00Z',
    });
  }
  return Math.floor(date.getTime() / 1000);
}

/** The prefix of a merged log line: the service name padded, colored on a terminal. */
export function formatLogLine(line: LogLine, width: number, colorIndex: number | undefined, timestamps: boolean): string {
  const name = line.service.padEnd(width);
  const prefix = colorIndex === undefined ? `${name} |` : `\x1b[${COLORS[colorIndex % COLORS.length]}m${name} |\x1b[0m`;
  return `${prefix} ${timestamps ? `${line.time} ` : ''}${line.text}`;
}

/**
 * Logs of several services merged with a prefix. Without --follow lines are sorted by time. With
 * it they are printed as they come until `signal` aborts, and containers that start later (a
 * restart, a recreate by a deploy, a service started afterwards) are followed from their start.
 */
export async function streamLogs(
  engine: Engine,
  project: string,
  options: LogOptions,
  write: (text: string) => void,
  signal?: AbortSignal,
): Promise<void> {
  const wanted = (service: string): boolean => options.services.length === 0 || options.services.includes(service);
  // Listen before listing, so that no start falls between the two.
  const starts: string[] = [];
  let onStart: ((id: string) => void) | undefined;
  const stopEvents = options.follow
    ? await engine.watchEvents(project, (event) => {
        if (event.action !== 'start' || !event.service || !wanted(event.service) || event.attributes[ONE_OFF_LABEL] === 'True') return;
        if (onStart) onStart(event.containerId);
        else starts.push(event.containerId);
      })
    : undefined;
  try {
    const containers = (await engine.listContainers(project)).filter((container) => wanted(container.service));
    const unknown = options.services.filter((service) => !containers.some((container) => container.service === service));
    if (unknown.length > 0) {
      throw new DockerError('AIS_RUNTIME_NO_CONTAINER', {
        services: unknown,
        stack: project,
        hint: 'run `aistack status` to see the services and `aistack up` to start them',
      });
    }
    const services = [...new Set(containers.map((container) => container.service))].sort();
    let width = Math.max(0, ...services.map((service) => service.length));
    const colorOf = (service: string): number | undefined => {
      if (!options.color) return undefined;
      if (!services.includes(service)) services.push(service);
      return services.indexOf(service);
    };
    const emit = (line: LogLine): void => {
      if (options.grep && !options.grep.test(line.text)) return;
      if (options.json) {
        write(`${JSON.stringify(line)}\n`);
        return;
      }
      width = Math.max(width, line.service.length);
      write(`${formatLogLine(line, width, colorOf(line.service), options.timestamps)}\n`);
    };
    const base = {
      timestamps: true,
      ...(options.since === undefined ? {} : { since: options.since }),
      ...(options.tail === undefined ? {} : { tail: options.tail }),
    };
    if (!options.follow) {
      const all: LogLine[] = [];
      for (const container of containers) {
        const raw = await engine.logs(container.id, { ...base, follow: false });
        all.push(...toLines(container, Buffer.isBuffer(raw) ? raw : Buffer.alloc(0)));
      }
      all.sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : 0));
      for (const line of all) emit(line);
      return;
    }

    const following = new Set<string>();
    /** Containers that started again while their previous run's stream was still open. */
    const restarted = new Set<string>();
    const follow = async (container: ContainerState, request: { readonly since?: number; readonly tail?: number }): Promise<void> => {
      if (signal?.aborted) return;
      if (following.has(container.id)) {
        restarted.add(container.id);
        return;
      }
      following.add(container.id);
      try {
        const stream = (await engine.logs(container.id, { ...request, timestamps: true, follow: true })) as Readable;
        await pipeLines(stream, container, emit, signal);
      } catch {
        // removed before we could attach: its successor's start brings it back
      } finally {
        following.delete(container.id);
      }
      if (restarted.delete(container.id)) later(container.id);
    };
    /**
     * A container that started after we began: all of a new container's lines; for a restarted one
     * the lines after its previous run ended (Docker takes fractional seconds), none twice.
     */
    const later = (id: string): void => {
      void engine
        .inspect(id)
        .then((container) => follow(container, container.finishedAt ? { since: container.finishedAt.getTime() / 1000 } : {}))
        .catch(() => undefined);
    };
    onStart = later;
    for (const id of starts.splice(0)) later(id);
    for (const container of containers) void follow(container, base);
    if (signal?.aborted) return;
    await new Promise<void>((resolve) => signal?.addEventListener('abort', () => resolve(), { once: true }));
  } finally {
    stopEvents?.();
  }
}

/** Print one container's followed log stream line by line until it ends or `signal` aborts. */
function pipeLines(
  stream: Readable,
  container: ContainerState,
  emit: (line: LogLine) => void,
  signal: AbortSignal | undefined,
): Promise<void> {
  const lines = createLineAssembler(container.tty);
  return new Promise<void>((resolve) => {
    const stop = (): void => {
      stream.destroy();
      resolve();
    };
    signal?.addEventListener('abort', stop, { once: true });
    const done = (): void => {
      signal?.removeEventListener('abort', stop);
      for (const piece of lines.flush()) emit(parseTimestamped(container.service, piece.text));
      resolve();
    };
    stream.on('data', (chunk: Buffer) => {
      for (const piece of lines.push(chunk)) emit(parseTimestamped(container.service, piece.text));
    });
    stream.on('end', done);
    stream.on('error', done);
  });
}

function toLines(container: ContainerState, raw: Buffer): LogLine[] {
  return logLines(raw, container.tty)
    .filter((piece) => piece.text !== '')
    .map((piece) => parseTimestamped(container.service, piece.text));
}

function parseTimestamped(service: string, line: string): LogLine {
  const space = line.indexOf(' ');
  const time = space > 0 ? line.slice(0, space) : '';
  return /^\d{4}-\d\d-\d\dT/.test(time)
    ? { service, time, text: line.slice(space + 1).replace(/\r$/, '') }
    : { service, time: '', text: line.replace(/\r$/, '') };
}
