import type { FastifyReply, FastifyRequest } from 'fastify';
import { ServerError } from '../errors.js';

/** Live streams one server keeps open at most (each holds a socket and an engine subscription). */
export const MAX_OPEN_STREAMS = 200;

export interface EventStream {
  send(event: string, data: unknown): void;
  /** Runs once when the client goes away or the server closes the stream. */
  onClose(listener: () => void): void;
  close(): void;
}

export interface EventStreamOptions {
  /** Comment line that keeps proxies from timing the stream out. @default 15000 */
  readonly heartbeatMs?: number;
  /** A client that lets this much pile up unread is dropped. @default 4 MiB */
  readonly maxBufferedBytes?: number;
  /** Open streams, so the server can end them all when it closes. */
  readonly registry?: Set<EventStream>;
}

/**
 * Take the response over and stream Server-Sent Events on it. The headers fastify already set
 * (security headers) are kept; the body is written by hand, one JSON document per event.
 */
export function openEventStream(request: FastifyRequest, reply: FastifyReply, options: EventStreamOptions = {}): EventStream {
  if (options.registry && options.registry.size >= MAX_OPEN_STREAMS) {
    throw new ServerError('AIS_SERVER_TOO_MANY_STREAMS', {
      open: MAX_OPEN_STREAMS,
      hint: 'close other dashboard tabs, then reload',
    });
  }
  const heartbeatMs = options.heartbeatMs ?? 15_000;
  const maxBufferedBytes = options.maxBufferedBytes ?? 4 * 1024 * 1024;
  const listeners: (() => void)[] = [];
  let closed = false;

  reply.hijack();
  const raw = reply.raw;
  raw.writeHead(200, {
    ...(reply.getHeaders() as Record<string, string>),
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  raw.write('retry: 3000\n\n');

  const close = (): void => {
    if (closed) return;
    closed = true;
    clearInterval(heartbeat);
    for (const listener of listeners.splice(0)) {
      try {
        listener();
      } catch (error: unknown) {
        request.log.warn({ err: error }, 'event stream close listener failed');
      }
    }
    raw.end();
  };
  const heartbeat = setInterval(() => write(': ping\n\n'), heartbeatMs);
  heartbeat.unref();
  const write = (chunk: string): void => {
    if (closed) return;
    if (raw.writableLength > maxBufferedBytes) {
      request.log.warn('event stream client too slow; closing');
      close();
      return;
    }
    raw.write(chunk);
  };
  request.raw.on('close', close);
  raw.on('error', close);

  const stream: EventStream = {
    send(event, data) {
      write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    },
    onClose(listener) {
      if (closed) listener();
      else listeners.push(listener);
    },
    close,
  };
  const registry = options.registry;
  if (registry) {
    registry.add(stream);
    listeners.push(() => registry.delete(stream));
  }
  return stream;
}
