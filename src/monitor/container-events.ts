import type { Readable } from 'node:stream';
import type Docker from 'dockerode';
import { projectOfLabels, serviceOfLabels } from '../runtime/stack-containers.js';

/** The container events the monitor acts on. */
export const WATCHED_ACTIONS = ['die', 'oom', 'health_status', 'restart', 'start'] as const;

export interface ContainerEvent {
  readonly action: (typeof WATCHED_ACTIONS)[number];
  readonly containerId: string;
  /** Container name without the leading slash. */
  readonly containerName: string;
  /** The service (compose's label, or aistack's on a Swarm task), or '' for a container without one. */
  readonly service: string;
  /** Epoch ms, from the Engine. */
  readonly at: number;
  /** `die`: the exit code. */
  readonly exitCode: number | undefined;
  /** `health_status`: the new status. */
  readonly health: string | undefined;
}

export interface ContainerEventsOptions {
  readonly docker: Docker;
  readonly project: string;
  readonly onEvent: (event: ContainerEvent) => void;
  /** The stream is (again) connected: events in the gap are lost, so callers re-check everything. */
  readonly onConnect?: (reconnected: boolean) => void;
  readonly onError?: (error: unknown) => void;
  /** First retry delay; doubles up to `retryMaxMs`. @default 250 */
  readonly retryMinMs?: number;
  /** @default 5000 */
  readonly retryMaxMs?: number;
}

export interface ContainerEventsFollower {
  start(): void;
  stop(): void;
  /** Whether the event stream is connected right now. */
  connected(): boolean;
}

/**
 * Follow the Engine's event stream (`GET /events`) for the project's containers, filtered by the
 * Engine to the watched actions. When the stream ends or fails (an Engine restart, a proxy
 * timeout) it reconnects with a doubling delay and calls `onConnect(true)`.
 */
export function followContainerEvents(options: ContainerEventsOptions): ContainerEventsFollower {
  const retryMin = options.retryMinMs ?? 250;
  const retryMax = options.retryMaxMs ?? 5000;
  let running = false;
  let stream: Readable | undefined;
  let timer: NodeJS.Timeout | undefined;
  let delay = retryMin;
  let everConnected = false;
  let generation = 0;
  // One error per loss of the stream, not one per retry while the Engine is away.
  let reported = false;
  const report = (error: unknown): void => {
    if (reported) return;
    reported = true;
    options.onError?.(error);
  };

  const scheduleReconnect = (): void => {
    if (!running || timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      void connect();
    }, delay);
    timer.unref?.();
    delay = Math.min(retryMax, delay * 2);
  };

  const connect = async (): Promise<void> => {
    if (!running) return;
    const mine = (generation += 1);
    let opened: Readable;
    try {
      opened = (await options.docker.getEvents({
        // No label filter: the Engine ANDs label filters, and a stack's containers carry either
        // compose's project label or (Swarm tasks) the stack namespace. parseEvent keeps ours.
        filters: { type: ['container'], event: [...WATCHED_ACTIONS] },
      })) as unknown as Readable;
    } catch (error: unknown) {
      report(error);
      scheduleReconnect();
      return;
    }
    if (!running || mine !== generation) {
      opened.destroy();
      return;
    }
    stream = opened;
    delay = retryMin;
    reported = false;
    const reconnected = everConnected;
    everConnected = true;
    let buffer = '';
    let closed = false;
    const close = (error?: unknown): void => {
      if (closed) return;
      closed = true;
      if (stream === opened) stream = undefined;
      if (error !== undefined) report(error);
      scheduleReconnect();
    };
    opened.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      let newline = buffer.indexOf('\n');
      while (newline >= 0) {
        const event = parseEvent(buffer.slice(0, newline), options.project);
        buffer = buffer.slice(newline + 1);
        newline = buffer.indexOf('\n');
        if (event) options.onEvent(event);
      }
    });
    opened.on('end', () => close());
    opened.on('close', () => close());
    opened.on('error', (error: unknown) => close(error));
    options.onConnect?.(reconnected);
  };

  return {
    start() {
      if (running) return;
      running = true;
      void connect();
    },
    stop() {
      running = false;
      generation += 1;
      if (timer) clearTimeout(timer);
      timer = undefined;
      stream?.destroy();
      stream = undefined;
    },
    connected: () => stream !== undefined,
  };
}

/**
 * One line of the stream → an event, or undefined for anything else (a partial or foreign line, or
 * with `project`, a container of another compose project or Swarm stack).
 */
export function parseEvent(line: string, project?: string): ContainerEvent | undefined {
  const text = line.trim();
  if (text === '') return undefined;
  let raw: {
    Type?: string;
    Action?: string;
    status?: string;
    id?: string;
    time?: number;
    timeNano?: number;
    Actor?: { ID?: string; Attributes?: Record<string, string> };
  };
  try {
    raw = JSON.parse(text) as typeof raw;
  } catch {
    return undefined;
  }
  if ((raw.Type ?? 'container') !== 'container') return undefined;
  // health_status events carry the status in the action: "health_status: unhealthy".
  const [name, detail] = (raw.Action ?? raw.status ?? '').split(/:\s*/, 2) as [string, string | undefined];
  const action = WATCHED_ACTIONS.find((candidate) => candidate === name);
  if (!action) return undefined;
  const attributes = raw.Actor?.Attributes ?? {};
  if (project !== undefined && projectOfLabels(attributes) !== project) return undefined;
  const exit = attributes.exitCode;
  return {
    action,
    containerId: raw.Actor?.ID ?? raw.id ?? '',
    containerName: (attributes.name ?? '').replace(/^\//, ''),
    service: serviceOfLabels(attributes),
    at: raw.timeNano ? Math.floor(raw.timeNano / 1e6) : (raw.time ?? 0) * 1000,
    exitCode: exit === undefined || exit === '' || Number.isNaN(Number(exit)) ? undefined : Number(exit),
    health: action === 'health_status' && detail?.trim() ? detail.trim() : undefined,
  };
}
