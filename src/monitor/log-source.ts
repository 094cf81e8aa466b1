import type { Readable } from 'node:stream';
import type Docker from 'dockerode';
import { createLineAssembler, logLines } from '../runtime/log-frames.js';
import { listStackContainers, serviceOfLabels } from '../runtime/stack-containers.js';
import { detectLogLevel } from './log-level.js';
import { createLogFilter } from './log-search.js';
import type { LogLine, LogQuery } from './types.js';

/** Lines returned when the query sets no limit, and the most it may ask for. */
export const LOG_DEFAULT_LIMIT = 500;
export const LOG_MAX_LIMIT = 5000;
const LINE_MAX = 16 * 1024;

export interface LogSource {
  query(query: LogQuery): Promise<LogLine[]>;
  follow(query: LogQuery, onLine: (line: LogLine) => void): () => void;
}

interface Target {
  readonly id: string;
  readonly service: string;
  readonly tty: boolean;
}

/** Logs of the project's containers through the Engine API, with timestamps, demultiplexed. */
export function createLogSource(docker: Docker | undefined, project: string, now: () => number): LogSource {
  const targets = async (query: LogQuery): Promise<Target[]> => {
    if (!docker) return [];
    const infos = await listStackContainers(docker, project);
    const wanted = query.services && query.services.length > 0 ? new Set(query.services) : undefined;
    const chosen = infos.filter((info) => !wanted || wanted.has(serviceOfLabels(info.Labels)));
    return Promise.all(
      chosen.map(async (info) => ({
        id: info.Id,
        service: serviceOfLabels(info.Labels),
        tty: (await docker.getContainer(info.Id).inspect()).Config.Tty,
      })),
    );
  };

  return {
    async query(query) {
      const filter = createLogFilter(query);
      const limit = Math.min(LOG_MAX_LIMIT, Math.max(1, query.limit ?? LOG_DEFAULT_LIMIT));
      const searching = query.text !== undefined || query.regex !== undefined || query.level !== undefined;
      const lines: LogLine[] = [];
      for (const target of await targets(query)) {
        const raw = await docker!.getContainer(target.id).logs({
          follow: false,
          stdout: true,
          stderr: true,
          timestamps: true,
          // Searches read deeper than the page they return.
          // Docker cuts the tail before it applies until: read everything for a past window.
          ...(query.until === undefined ? { tail: searching ? limit * 20 : limit } : {}),
          ...(query.since === undefined ? {} : { since: Math.floor(query.since / 1000) }),
          ...(query.until === undefined ? {} : { until: Math.ceil(query.until / 1000) }),
        });
        const parsed = parseLogBuffer(Buffer.isBuffer(raw) ? raw : Buffer.from(String(raw)), target.service, target.tty);
        for (const line of parsed) if (filter(line)) lines.push(line);
      }
      lines.sort((a, b) => a.at - b.at);
      return lines.slice(-limit);
    },
    follow(query, onLine) {
      const filter = createLogFilter(query);
      const streams = new Map<string, Readable>();
      let closed = false;
      let timer: NodeJS.Timeout | undefined;
      const attach = async (): Promise<void> => {
        if (closed || !docker) return;
        let list: Target[];
        try {
          list = await targets(query);
        } catch {
          list = [];
        }
        for (const target of list) {
          if (closed || streams.has(target.id)) continue;
          // Docker's `since` has whole seconds: lines of the second before attaching are dropped here.
          const sinceMs = now();
          const since = Math.floor(sinceMs / 1000);
          let stream: Readable;
          try {
            stream = (await docker
              .getContainer(target.id)
              .logs({ follow: true, stdout: true, stderr: true, timestamps: true, since })) as unknown as Readable;
          } catch {
            continue;
          }
          if (closed) {
            stream.destroy();
            return;
          }
          streams.set(target.id, stream);
          const lines = createLineAssembler(target.tty, LINE_MAX);
          stream.on('data', (chunk: Buffer) => {
            for (const piece of lines.push(chunk)) {
              const line = parseLogLine(piece.text, target.service, piece.stream);
              if (line && line.at >= sinceMs && filter(line)) onLine(line);
            }
          });
          const detach = (): void => {
            streams.delete(target.id);
          };
          stream.on('end', detach);
          stream.on('close', detach);
          stream.on('error', detach);
        }
      };
      void attach();
      // Containers that start (or restart) later are picked up.
      timer = setInterval(() => void attach(), 2000);
      timer.unref?.();
      return () => {
        closed = true;
        if (timer) clearInterval(timer);
        timer = undefined;
        for (const stream of streams.values()) stream.destroy();
        streams.clear();
      };
    },
  };
}

/** One non-follow log answer → lines with time, stream and level. */
export function parseLogBuffer(raw: Buffer, service: string, tty: boolean): LogLine[] {
  return logLines(raw, tty)
    .map((piece) => parseLogLine(piece.text, service, piece.stream))
    .filter((line): line is LogLine => line !== undefined);
}

/** `2026-01-01T10:00:00.123456789Z text` (Docker's timestamps) → a LogLine; undefined for empty lines. */
export function parseLogLine(raw: string, service: string, stream: 'stdout' | 'stderr'): LogLine | undefined {
  const clean = raw.replace(/\r$/, '');
  if (clean === '') return undefined;
  const space = clean.indexOf(' ');
  const stamp = space > 0 ? clean.slice(0, space) : clean;
  let at = Number.NaN;
  let text = clean;
  if (/^\d{4}-\d\d-\d\dT[\d:.]+(Z|[+-]\d\d:\d\d)$/.test(stamp)) {
    at = Date.parse(stamp.replace(/(\.\d{3})\d+/, '$1'));
    text = space > 0 ? clean.slice(space + 1) : '';
  }
  if (Number.isNaN(at)) at = 0;
  text = text.length > LINE_MAX ? text.slice(0, LINE_MAX) : text;
  return { service, at, stream, level: detectLogLevel(text), text };
}
