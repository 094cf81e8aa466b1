import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TestServer {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/** A node http server on a random loopback port. */
export async function startHttpServer(handler: http.RequestListener): Promise<TestServer> {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface WebhookReceiver extends TestServer {
  readonly received: unknown[];
  /** Resolve when a body matching `predicate` arrived (bounded by `timeoutMs`). */
  waitFor(predicate: (body: Record<string, unknown>) => boolean, timeoutMs?: number): Promise<Record<string, unknown>>;
}

/** A webhook endpoint that records every JSON body posted to it. */
export async function startWebhookReceiver(status = 200): Promise<WebhookReceiver> {
  const received: unknown[] = [];
  const server = await startHttpServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      try {
        received.push(JSON.parse(text));
      } catch {
        received.push({ raw: text, headers: request.headers, path: request.url });
      }
      response.statusCode = status;
      response.end('ok');
    });
  });
  return {
    ...server,
    received,
    async waitFor(predicate, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        const found = received.find((body) => predicate(body as Record<string, unknown>));
        if (found) return found as Record<string, unknown>;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      throw new Error(`no matching webhook within ${timeoutMs} ms; received ${JSON.stringify(received).slice(0, 500)}`);
    },
  };
}

/** Poll `read` until `predicate` holds or the time is up. */
export async function waitUntil<T>(read: () => T, predicate: (value: T) => boolean, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (predicate(value)) return value;
    if (Date.now() > deadline)
      throw new Error(`${what} did not happen within ${timeoutMs} ms (last: ${JSON.stringify(value)?.slice(0, 300)})`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
