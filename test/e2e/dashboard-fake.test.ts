import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeContainer, makeStatus } from '../server/support/in-memory-engine.js';
import { createFixture, PASSWORD } from '../server/support/server-fixture.js';
import type { Fixture } from '../server/support/server-fixture.js';
import { openBrowser } from './browser.js';
import type { Browser } from './browser.js';

let fixture: Fixture;
let browser: Browser;
let base: string;

beforeAll(async () => {
  const now = Date.now();
  fixture = await createFixture();
  const { engine } = fixture;
  engine.statuses.push(
    makeStatus('ollama:http', 'ollama', 'up', now),
    makeStatus('postgres:postgres', 'postgres', 'up', now),
    makeStatus('redis:redis', 'redis', 'down', now),
  );
  engine.containerList.push(makeContainer('ollama', now), makeContainer('postgres', now), makeContainer('redis', now));
  engine.points.set(
    'ollama:http/latency',
    Array.from({ length: 120 }, (_, index) => ({ at: now - 3_600_000 + index * 30_000, value: 40 + 20 * Math.sin(index / 8) })),
  );
  engine.points.set(
    'ollama/cpu',
    Array.from({ length: 120 }, (_, index) => ({ at: now - 3_600_000 + index * 30_000, value: 5 + (index % 10) })),
  );
  engine.points.set(
    'ollama/memory',
    Array.from({ length: 120 }, (_, index) => ({ at: now - 3_600_000 + index * 30_000, value: 2e8 + index * 1e6 })),
  );
  engine.logLines.push({ service: 'ollama', at: now - 5000, stream: 'stdout', level: 'info', text: 'listening on 0.0.0.0:11434' });
  await fixture.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(fixture.app.server.address() as AddressInfo).port}`;
  browser = await openBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await fixture?.close();
});

describe('dashboard against the in-memory engine', () => {
  it('logs in, shows states, a service page with charts, and live logs as text', async () => {
    const { page } = browser;
    await page.goto(`${base}/`);
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.fill('#password', PASSWORD);
    await page.click('button[type=submit]');
    await page.waitForSelector('#service-cards .card');
    const states = await page.$$eval('#service-cards .card', (cards) =>
      cards.map((card) => [card.getAttribute('data-service'), card.getAttribute('data-state')]),
    );
    expect(states).toEqual([
      ['redis', 'down'],
      ['ollama', 'up'],
      ['postgres', 'up'],
    ]);
    fixture.engine.pushCheck(
      { monitorId: 'postgres:postgres', at: Date.now(), ok: false, degraded: false, latencyMs: 5000, message: 'connection refused' },
      'down',
    );
    await page.waitForSelector('#service-cards .card[data-service="postgres"][data-state="down"]');
    await browser.screenshot('fake-overview');

    await page.click('#service-cards .card[data-service="ollama"]');
    await page.waitForSelector('figure.chart[data-chart="latency"] svg path.series');
    await page.click('button[data-range="24h"]');
    await page.waitForSelector('button[data-range="24h"][aria-pressed="true"]');
    await page.waitForSelector('#service-logs .log-line');
    await browser.screenshot('fake-service');

    await page.click('a[data-view="logs"]');
    await page.waitForSelector('#log-lines');
    await page.click('#follow');
    await page.waitForFunction(() => document.querySelector('#log-status')?.textContent === 'following live');
    const hostile = '<img src=x onerror=alert(1)>';
    fixture.engine.pushLog({ service: 'ollama', at: Date.now(), stream: 'stderr', level: 'error', text: hostile });
    await page.waitForFunction(
      (text) => Array.from(document.querySelectorAll('#log-lines .log-text')).some((node) => node.textContent === text),
      hostile,
    );
    expect(await page.$$eval('img', (images) => images.length)).toBe(0);
    await browser.screenshot('fake-logs');

    await page.click('a[data-view="alerts"]');
    await page.click('#send-test');
    await page.waitForSelector('#test-results li.ok');
    expect(await page.textContent('#test-results')).toBe('local-webhook: delivered (HTTP 204)');
    expect(browser.dialogs).toEqual([]);
    expect(browser.problems).toEqual([]);
  }, 60_000);

  it('fits a phone screen: one column of cards, no horizontal scrolling', async () => {
    const { page } = browser;
    await page.setViewportSize({ width: 390, height: 844 });
    await page.click('a[data-view="overview"]');
    await page.waitForSelector('#service-cards .card');
    const layout = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      lefts: Array.from(document.querySelectorAll('#service-cards .card')).map((card) => Math.round(card.getBoundingClientRect().left)),
    }));
    expect(layout.scrollWidth).toBeLessThanOrEqual(390);
    expect(new Set(layout.lefts).size).toBe(1);
    await browser.screenshot('fake-overview-phone');
  }, 30_000);
});
