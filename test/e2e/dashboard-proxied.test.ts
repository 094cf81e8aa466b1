import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startProxy } from '../integration/proxy/harness.js';
import type { RunningProxy } from '../integration/proxy/harness.js';
import { stackFromYaml } from '../render/proxy/support/stack.js';
import { makeContainer, makeStatus } from '../server/support/in-memory-engine.js';
import { createFixture, PASSWORD } from '../server/support/server-fixture.js';
import type { Fixture } from '../server/support/server-fixture.js';
import { openBrowser } from './browser.js';
import type { Browser } from './browser.js';

/**
 * The dashboard behind the rendered nginx on a non-default HTTPS port, in Chromium: the browser's
 * Origin carries the port, so the proxy must forward a Host with it or every login is refused as
 * cross-origin (AIS_SERVER_CSRF).
 */
const DOMAIN = 'ai.example.test';
let fixture: Fixture;
let proxy: RunningProxy;
let browser: Browser;
let httpsPort: number;

beforeAll(async () => {
  fixture = await createFixture();
  fixture.engine.statuses.push(makeStatus('ollama:http', 'ollama', 'up', Date.now()));
  fixture.engine.containerList.push(makeContainer('ollama', Date.now()));
  await fixture.app.listen({ port: 0, host: '127.0.0.1' });
  const monitorPort = (fixture.app.server.address() as AddressInfo).port;
  httpsPort = await freePort();
  const stack = stackFromYaml(`name: porttest\ndomain: ${DOMAIN}\nproxy:\n  httpsPort: ${httpsPort}\nservices:\n  ollama:\n`);
  proxy = await startProxy(stack, new Map([['monitor', monitorPort]]));
  browser = await openBrowser(undefined, {
    args: [`--host-resolver-rules=MAP *.${DOMAIN} 127.0.0.1`],
    ignoreHttpsErrors: true,
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await proxy?.stop();
  await fixture?.close();
});

describe('dashboard behind the proxy on a non-443 port', () => {
  it('logs in through nginx on the non-default port and uses the API (CSRF-checked requests pass)', async () => {
    expect(httpsPort).not.toBe(443);
    expect(proxy.httpsPort).toBe(httpsPort);
    const { page } = browser;
    const origin = `https://monitor.${DOMAIN}:${httpsPort}`;
    await page.goto(`${origin}/`);
    expect(page.url()).toBe(`${origin}/login`);
    const login = page.waitForResponse((response) => response.url() === `${origin}/api/login`);
    await page.fill('#password', PASSWORD);
    await page.click('button[type=submit]');
    expect((await login).status()).toBe(200);
    await page.waitForSelector('#service-cards .card[data-service="ollama"]');
    expect(page.url()).toBe(`${origin}/`);
    // A state-changing request from the dashboard itself: Origin check and CSRF token both pass the proxy.
    const logout = page.waitForResponse((response) => response.url() === `${origin}/api/logout`);
    await page.click('#logout');
    expect((await logout).status()).toBe(200);
    await page.waitForURL(`${origin}/login`);
    expect(browser.problems).toEqual([]);
  });
});
