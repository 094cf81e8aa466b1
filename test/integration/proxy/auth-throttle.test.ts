import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stackFromYaml } from '../../render/proxy/support/stack.js';
import { fetchVia, startProxy } from './harness.js';
import type { Reply, RunningProxy } from './harness.js';
import { startUpstream } from './upstreams.js';
import type { TestUpstream } from './upstreams.js';

/**
 * Basic-auth throttling in the real nginx: attempts are counted before the password is checked,
 * so a throttled client is refused even with the right password. Each test is its own client
 * (a loopback source address), so their budgets do not mix.
 */
const stack = stackFromYaml(`
name: throttle
domain: ai.example.test
services:
  adminer:
  ollama:
`);

let proxy: RunningProxy;
const upstreams = new Map<string, TestUpstream>();
const basic = (password: string): string => `Basic ${Buffer.from(`admin:${password}`).toString('base64')}`;
const ADMINER = 'adminer.ai.example.test';

beforeAll(async () => {
  for (const id of ['adminer', 'ollama']) upstreams.set(id, await startUpstream(id));
  proxy = await startProxy(stack, new Map([...upstreams].map(([id, upstream]) => [id, upstream.port])), { rate: '50r/s', burst: 50 });
});

afterAll(async () => {
  await proxy?.stop();
  for (const upstream of upstreams.values()) await upstream.close();
});

function sessionCookie(reply: Reply): string | undefined {
  const header = reply.headers['set-cookie']?.find((cookie) => cookie.startsWith('aistack_proxy_session='));
  return header?.split(';')[0];
}

describe('basic-auth throttling', () => {
  it('refuses a throttled client before checking its password: after a flood of wrong ones, the right one gets 429', async () => {
    const from = '127.0.0.2';
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 15; attempt += 1) {
      statuses.push((await fetchVia(proxy, ADMINER, '/', { authorization: basic(`wrong-${attempt}`) }, from)).status);
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.at(-1)).toBe(429);
    const right = await fetchVia(proxy, ADMINER, '/', { authorization: basic(proxy.password) }, from);
    expect(right.status).toBe(429);
    expect(right.body).not.toContain('"service":"adminer"');
    // Another client is not affected.
    expect((await fetchVia(proxy, ADMINER, '/', { authorization: basic(proxy.password) }, '127.0.0.3')).status).toBe(200);
  });

  it('gives a browser a session after one login, so its page loads are not login attempts', async () => {
    const from = '127.0.0.4';
    const login = await fetchVia(proxy, ADMINER, '/', { authorization: basic(proxy.password) }, from);
    expect(login.status).toBe(200);
    const cookie = sessionCookie(login);
    expect(cookie).toMatch(/^aistack_proxy_session=[0-9a-f]{64}$/);
    expect(login.headers['set-cookie']?.[0]).toMatch(/; Path=\/; Secure; HttpOnly; SameSite=Lax$/);
    // A browser keeps sending the password with the cookie: 40 requests, more than the attempt budget.
    const statuses: number[] = [];
    let seenByUpstream: unknown;
    for (let index = 0; index < 40; index += 1) {
      const reply = await fetchVia(
        proxy,
        ADMINER,
        `/asset-${index}`,
        { authorization: basic(proxy.password), cookie: `theme=dark; ${cookie}` },
        from,
      );
      statuses.push(reply.status);
      expect(sessionCookie(reply)).toBeUndefined();
      seenByUpstream = (JSON.parse(reply.body) as { cookie: unknown }).cookie;
    }
    expect(new Set(statuses)).toEqual(new Set([200]));
    // The session is the proxy's: the service behind it never sees it.
    expect(seenByUpstream).toBe('theme=dark');
  });

  it('counts every password sent without a session, right or wrong (a script without a cookie jar is throttled too)', async () => {
    const from = '127.0.0.5';
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 15; attempt += 1) {
      statuses.push((await fetchVia(proxy, ADMINER, '/', { authorization: basic(proxy.password) }, from)).status);
    }
    expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    expect(statuses.at(-1)).toBe(429);
  });

  it('takes a forged session cookie for no session', async () => {
    const from = '127.0.0.6';
    const forged = await fetchVia(proxy, ADMINER, '/', { cookie: `aistack_proxy_session=${'0'.repeat(64)}` }, from);
    expect(forged.status).toBe(401);
    expect(forged.headers['www-authenticate']).toBe('Basic realm="aistack"');
  });

  it('keeps bearer keys working for API clients, without a cookie, beyond the attempt budget', async () => {
    const from = '127.0.0.7';
    const statuses: number[] = [];
    for (let index = 0; index < 20; index += 1) {
      statuses.push(
        (await fetchVia(proxy, 'ollama.ai.example.test', '/api/tags', { authorization: `Bearer ${proxy.password}` }, from)).status,
      );
    }
    expect(new Set(statuses)).toEqual(new Set([200]));
  });
});
