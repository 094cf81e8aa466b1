import { createHash } from 'node:crypto';
import http from 'node:http';
import type net from 'node:net';

export interface TestUpstream {
  readonly port: number;
  /** SSE: resolve this to let the upstream send its second event. */
  releaseSecondEvent: () => void;
  /** When the upstream sent the second event (ms since epoch), or undefined. */
  secondEventSentAt: () => number | undefined;
  close(): Promise<void>;
}

/**
 * A stand-in service on a loopback port: answers JSON naming itself and the path it saw,
 * `/events` as a server-sent-event stream that waits for the test between events, and any
 * WebSocket upgrade as an echo (RFC 6455 text frames, written with node:http only).
 */
export async function startUpstream(name: string): Promise<TestUpstream> {
  let release: () => void = () => {};
  let gate = new Promise<void>((resolve) => (release = resolve));
  let secondAt: number | undefined;
  const sockets = new Set<net.Socket>();
  const server = http.createServer((request, response) => {
    if (request.url === '/events') {
      response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      response.write('data: first\n\n');
      void gate.then(() => {
        secondAt = Date.now();
        response.end('data: second\n\n');
      });
      return;
    }
    if (request.url === '/own-headers') {
      // An app that sends its own copies of the headers the proxy sets, CSP included.
      response.writeHead(200, {
        'content-type': 'text/html',
        'content-security-policy': "default-src 'self'; script-src 'self' 'unsafe-eval'",
        'x-frame-options': 'ALLOWALL',
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
        'strict-transport-security': 'max-age=1',
        'permissions-policy': 'camera=()',
        'x-xss-protection': '1; mode=block',
      });
      response.end('<p>app</p>');
      return;
    }
    if (request.url === '/upstream-404') {
      response.writeHead(404, { 'content-type': 'text/plain', 'x-frame-options': 'ALLOWALL' });
      response.end('upstream says no');
      return;
    }
    response.writeHead(200, { 'content-type': 'application/json', 'x-powered-by': 'test' });
    response.end(
      JSON.stringify({
        service: name,
        path: request.url,
        authorization: request.headers.authorization ?? null,
        cookie: request.headers.cookie ?? null,
        forwardedProto: request.headers['x-forwarded-proto'] ?? null,
      }),
    );
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('upgrade', (request, socket) => {
    const key = request.headers['sec-websocket-key'] ?? '';
    const accept = createHash('sha1').update(`${key}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest('base64');
    socket.write(
      `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`,
    );
    let buffered = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      const frame = decodeFrame(buffered);
      if (!frame) return;
      buffered = buffered.subarray(frame.length);
      socket.write(encodeFrame(`echo: ${frame.text}`, false));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    releaseSecondEvent: () => {
      release();
      gate = Promise.resolve();
    },
    secondEventSentAt: () => secondAt,
    close: async () => {
      release();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** One text frame (FIN, opcode 1); clients must mask, servers must not. */
export function encodeFrame(text: string, mask: boolean): Buffer {
  const payload = Buffer.from(text);
  if (payload.length > 125) throw new Error('test frames are short');
  const header = Buffer.from([0x81, (mask ? 0x80 : 0) | payload.length]);
  if (!mask) return Buffer.concat([header, payload]);
  const key = Buffer.from([1, 2, 3, 4]);
  return Buffer.concat([header, key, Buffer.from(payload.map((byte, index) => byte ^ (key[index % 4] ?? 0)))]);
}

export function decodeFrame(data: Buffer): { text: string; length: number } | undefined {
  if (data.length < 2) return undefined;
  const masked = ((data[1] ?? 0) & 0x80) !== 0;
  const size = (data[1] ?? 0) & 0x7f;
  const start = 2 + (masked ? 4 : 0);
  if (data.length < start + size) return undefined;
  const key = masked ? data.subarray(2, 6) : undefined;
  const payload = Buffer.from(data.subarray(start, start + size).map((byte, index) => (key ? byte ^ (key[index % 4] ?? 0) : byte)));
  return { text: payload.toString(), length: start + size };
}
