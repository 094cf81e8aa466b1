import http from 'node:http';
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HSTS } from '../../../src/render/proxy/headers.js';
import { stackFromYaml } from '../../render/proxy/support/stack.js';
import { fetchHttp, fetchVia, startProxy } from './harness.js';
import type { Reply, RunningProxy } from './harness.js';
import { decodeFrame, encodeFrame, startUpstream } from './upstreams.js';
import type { TestUpstream } from './upstreams.js';

const stack = stackFromYaml(`
name: proxytest
domain: ai.example.test
services:
  open-webui:
  ollama:
  adminer:
  qdrant:
  n8n:
    route:
      path: /n8n
`);

const DOWN = 'qdrant';
let proxy: RunningProxy;
const upstreams = new Map<string, TestUpstream>();

beforeAll(async () => {
  for (const service of stack.services)
    if (service.route && service.id !== DOWN) upstreams.set(service.id, await startUpstream(service.id));
  proxy = await startProxy(stack, new Map([...upstreams].map(([id, upstream]) => [id, upstream.port])), { rate: '50r/s', burst: 20 });
});

afterAll(async () => {
  await proxy?.stop();
  for (const upstream of upstreams.values()) await upstream.close();
});

function expectSecurityHeaders(reply: Reply): void {
  expect(reply.headers['strict-transport-security']).toBe(HSTS);
  expect(reply.headers['x-content-type-options']).toBe('nosniff');
  expect(reply.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
  expect(reply.headers['x-xss-protection']).toBe('0');
  expect(reply.headers['permissions-policy']).toMatch(/^camera=\(self\)/);
  expect(reply.headers['x-frame-options']).toMatch(/^(SAMEORIGIN|DENY)$/);
  expect(reply.headers['content-security-policy']).toMatch(/frame-ancestors/);
}

const basic = (password: string): string => `Basic ${Buffer.from(`admin:${password}`).toString('base64')}`;

describe('the rendered proxy config in the real nginx', () => {
  it('passes nginx -t', () => {
    expect(proxy.testOutput).toContain('syntax is ok');
    expect(proxy.testOutput).toContain('test is successful');
  });

  it('answers the health check on its loopback port and negotiates HTTP/2', async () => {
    const health = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      http
        .get({ host: '127.0.0.1', port: proxy.healthPort, path: '/healthz', agent: false }, (response) => {
          let body = '';
          response.on('data', (chunk: Buffer) => (body += chunk.toString()));
          response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
        })
        .on('error', reject);
    });
    expect(health).toEqual({ status: 200, body: 'ok\n' });
    const socket = tls.connect({
      host: '127.0.0.1',
      port: proxy.httpsPort,
      servername: 'chat.ai.example.test',
      ca: proxy.ca,
      ALPNProtocols: ['h2', 'http/1.1'],
    });
    try {
      await new Promise<void>((resolve, reject) => {
        socket.once('secureConnect', resolve);
        socket.once('error', reject);
      });
      expect(socket.alpnProtocol).toBe('h2');
      expect(socket.getProtocol()).toBe('TLSv1.3');
    } finally {
      socket.destroy();
    }
  });

  it('redirects HTTP to HTTPS on the same known host, and nowhere for unknown hosts', async () => {
    const redirect = await fetchHttp(proxy, 'chat.ai.example.test', '/c/1?x=2');
    expect(redirect.status).toBe(301);
    expect(redirect.headers.location).toBe(`https://chat.ai.example.test:${proxy.httpsPort}/c/1?x=2`);
    const unknown = await fetchHttp(proxy, 'evil.example.org', '/');
    expect(unknown.status).toBe(404);
    expect(unknown.headers.location).toBeUndefined();
  });

  it('serves a 200 from the upstream with every security header', async () => {
    const reply = await fetchVia(proxy, 'chat.ai.example.test', '/api/config');
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toMatchObject({ service: 'open-webui', path: '/api/config', forwardedProto: 'https' });
    expectSecurityHeaders(reply);
    expect(reply.headers['x-powered-by']).toBeUndefined();
  });

  it('keeps the headers on 404s: unknown host, unrouted path and an upstream 404', async () => {
    const unknownHost = await fetchVia(proxy, 'nothing.ai.example.test', '/');
    expect(unknownHost.status).toBe(404);
    expect(unknownHost.body).toContain('Nothing is served here');
    expectSecurityHeaders(unknownHost);
    const apex = await fetchVia(proxy, 'ai.example.test', '/elsewhere');
    expect(apex.status).toBe(404);
    expectSecurityHeaders(apex);
    const upstream = await fetchVia(proxy, 'chat.ai.example.test', '/upstream-404');
    expect(upstream.status).toBe(404);
    expect(upstream.body).toBe('upstream says no');
    expectSecurityHeaders(upstream);
    expect(upstream.headers['x-frame-options']).toBe('SAMEORIGIN');
  });

  it('answers a down service with its own 502 page, headers included, while the others work', async () => {
    const reply = await fetchVia(proxy, 'qdrant.ai.example.test', '/collections');
    expect(reply.status).toBe(502);
    expect(reply.body).toContain('is not reachable right now');
    expect(reply.body).toContain('<code>qdrant</code>');
    expectSecurityHeaders(reply);
    expect((await fetchVia(proxy, 'chat.ai.example.test', '/')).status).toBe(200);
  });

  it('asks for basic auth on routes without a login (401 with headers) and lets the right password through', async () => {
    const anonymous = await fetchVia(proxy, 'adminer.ai.example.test', '/');
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers['www-authenticate']).toBe('Basic realm="aistack"');
    expectSecurityHeaders(anonymous);
    const authorized = await fetchVia(proxy, 'adminer.ai.example.test', '/?server=postgres', { authorization: basic(proxy.password) });
    expect(authorized.status).toBe(200);
    expect(JSON.parse(authorized.body)).toMatchObject({ service: 'adminer', path: '/?server=postgres' });
    expectSecurityHeaders(authorized);
  });

  it('accepts the password as a bearer key on API routes, and refuses a wrong one', async () => {
    const bearer = await fetchVia(proxy, 'ollama.ai.example.test', '/api/tags', { authorization: `Bearer ${proxy.password}` });
    expect(bearer.status).toBe(200);
    expect(JSON.parse(bearer.body)).toMatchObject({ service: 'ollama', path: '/api/tags' });
    const wrong = await fetchVia(proxy, 'ollama.ai.example.test', '/api/tags', { authorization: 'Bearer sk-wrong' });
    expect(wrong.status).toBe(401);
    expectSecurityHeaders(wrong);
    // Bearer keys are not accepted where the route does not say so.
    expect((await fetchVia(proxy, 'adminer.ai.example.test', '/', { authorization: `Bearer ${proxy.password}` })).status).toBe(401);
  });

  it('strips the prefix of sub-path services that expect it', async () => {
    const reply = await fetchVia(proxy, 'ai.example.test', '/n8n/rest/settings');
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toMatchObject({ service: 'n8n', path: '/rest/settings' });
    const bare = await fetchVia(proxy, 'ai.example.test', '/n8n');
    expect(bare.status).toBe(301);
    // Relative, so a public port other than the container's 443 still works.
    expect(bare.headers.location).toBe('/n8n/');
  });

  it('passes a WebSocket upgrade through and echoes a message', async () => {
    const socket = tls.connect({
      host: '127.0.0.1',
      port: proxy.httpsPort,
      servername: 'chat.ai.example.test',
      ca: proxy.ca,
      ALPNProtocols: ['http/1.1'],
    });
    try {
      await new Promise<void>((resolve, reject) => {
        socket.once('secureConnect', resolve);
        socket.once('error', reject);
      });
      const received: Buffer[] = [];
      socket.on('data', (chunk: Buffer) => received.push(chunk));
      socket.write(
        'GET /ws/socket.io/?transport=websocket HTTP/1.1\r\nHost: chat.ai.example.test\r\nUpgrade: websocket\r\nConnection: ' +
          'Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n',
      );
      const head = await waitFor(() => {
        const text = Buffer.concat(received).toString('latin1');
        return text.includes('\r\n\r\n') ? text.slice(0, text.indexOf('\r\n\r\n')) : undefined;
      });
      expect(head.split('\r\n')[0]).toBe('HTTP/1.1 101 Switching Protocols');
      expect(head).toContain('Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=');
      const headLength = Buffer.byteLength(head, 'latin1') + 4;
      socket.write(encodeFrame('hello through nginx', true));
      const frame = await waitFor(() => decodeFrame(Buffer.concat(received).subarray(headLength)));
      expect(frame.text).toBe('echo: hello through nginx');
    } finally {
      socket.destroy();
    }
  });

  it('streams server-sent events one by one (the first arrives before the upstream sends the second)', async () => {
    const upstream = upstreams.get('open-webui')!;
    const https = await import('node:https');
    const firstAt = await new Promise<number>((resolve, reject) => {
      const request = https.request(
        {
          host: '127.0.0.1',
          port: proxy.httpsPort,
          servername: 'chat.ai.example.test',
          path: '/events',
          ca: proxy.ca,
          headers: { host: 'chat.ai.example.test' },
          agent: false,
        },
        (response) => {
          expect(response.statusCode).toBe(200);
          expect(response.headers['strict-transport-security']).toBe(HSTS);
          let text = '';
          response.on('data', (chunk: Buffer) => {
            text += chunk.toString();
            if (text.includes('data: first')) {
              const at = Date.now();
              upstream.releaseSecondEvent();
              resolve(at);
            }
          });
        },
      );
      request.on('error', reject);
      request.setTimeout(5000, () => request.destroy(new Error('the first event never arrived: the stream is buffered')));
      request.end();
    });
    await waitFor(() => upstream.secondEventSentAt());
    expect(firstAt).toBeLessThanOrEqual(upstream.secondEventSentAt()!);
  });

  it('answers 429 with the headers once a client exceeds the route rate', async () => {
    const replies = await Promise.all(Array.from({ length: 60 }, () => fetchVia(proxy, 'ai.example.test', '/n8n/x')));
    const limited = replies.filter((reply) => reply.status === 429);
    expect(limited.length).toBeGreaterThan(0);
    expectSecurityHeaders(limited[0]!);
  });

  it('throttles repeated wrong passwords with 429 (brute force), not only 401', async () => {
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 14; attempt += 1) {
      statuses.push((await fetchVia(proxy, 'adminer.ai.example.test', '/', { authorization: basic(`wrong-${attempt}`) })).status);
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.at(-1)).toBe(429);
    expect(proxy.log()).not.toContain(proxy.password);
  });
});

async function waitFor<T>(probe: () => T | undefined, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`gave up after ${timeoutMs} ms`);
}
