import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DASHBOARD_HEADERS } from '../../../src/render/proxy/headers.js';
import { CONTENT_SECURITY_POLICY } from '../../../src/server/security-headers.js';
import { stackFromYaml } from '../../render/proxy/support/stack.js';
import { createFixture } from '../../server/support/server-fixture.js';
import type { Fixture } from '../../server/support/server-fixture.js';
import { fetchVia, startProxy } from './harness.js';
import type { Reply, RunningProxy } from './harness.js';
import { startUpstream } from './upstreams.js';
import type { TestUpstream } from './upstreams.js';

/** docs/security.md: no header appears twice, whatever the service behind the proxy sends. */
const stack = stackFromYaml(`
name: headers
domain: ai.example.test
services:
  open-webui:
`);

let proxy: RunningProxy;
let app: TestUpstream;
let monitor: Fixture;

beforeAll(async () => {
  app = await startUpstream('open-webui');
  monitor = await createFixture();
  await monitor.app.listen({ port: 0, host: '127.0.0.1' });
  const monitorPort = (monitor.app.server.address() as AddressInfo).port;
  proxy = await startProxy(
    stack,
    new Map([
      ['open-webui', app.port],
      ['monitor', monitorPort],
    ]),
  );
});

afterAll(async () => {
  await proxy?.stop();
  await app?.close();
  await monitor?.close();
});

function repeated(reply: Reply): string[] {
  const names = reply.rawHeaders.filter((_, index) => index % 2 === 0).map((name) => name.toLowerCase());
  return [...new Set(names.filter((name, index) => names.indexOf(name) !== index && name !== 'set-cookie'))];
}

function values(reply: Reply, name: string): string[] {
  return reply.rawHeaders.flatMap((value, index) =>
    index % 2 === 1 && reply.rawHeaders[index - 1]?.toLowerCase() === name ? [value] : [],
  );
}

describe('response headers through the proxy', () => {
  it('sends one CSP for an app that has its own: the app policy, with frame-ancestors from the proxy first', async () => {
    const reply = await fetchVia(proxy, 'chat.ai.example.test', '/own-headers');
    expect(reply.status).toBe(200);
    expect(repeated(reply)).toEqual([]);
    expect(values(reply, 'content-security-policy')).toEqual([
      "frame-ancestors 'self'; default-src 'self'; script-src 'self' 'unsafe-eval'",
    ]);
    expect(values(reply, 'x-frame-options')).toEqual(['SAMEORIGIN']);
  });

  it("keeps the proxy's own CSP for an app that sends none", async () => {
    const reply = await fetchVia(proxy, 'chat.ai.example.test', '/');
    expect(repeated(reply)).toEqual([]);
    expect(values(reply, 'content-security-policy')).toEqual(["frame-ancestors 'self'"]);
  });

  it("sends the dashboard's one strict CSP, though aistack's server sets it too", async () => {
    const reply = await fetchVia(proxy, 'monitor.ai.example.test', '/login');
    expect(reply.status).toBe(200);
    expect(repeated(reply)).toEqual([]);
    expect(values(reply, 'content-security-policy')).toEqual([CONTENT_SECURITY_POLICY]);
  });

  it('renders the same dashboard CSP the server sends', () => {
    expect(DASHBOARD_HEADERS.find(([name]) => name === 'Content-Security-Policy')?.[1]).toBe(CONTENT_SECURITY_POLICY);
  });

  it('repeats no header on the proxy’s own pages', async () => {
    for (const reply of [
      await fetchVia(proxy, 'unknown.ai.example.test', '/'),
      await fetchVia(proxy, 'chat.ai.example.test', '/upstream-404'),
    ]) {
      expect(repeated(reply)).toEqual([]);
    }
  });
});
