import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { makeContainer, makeStatus } from '../server/support/in-memory-engine.js';
import { createFixture, PASSWORD } from '../server/support/server-fixture.js';
import type { Fixture } from '../server/support/server-fixture.js';
import { openBrowser } from './browser.js';
import type { Browser } from './browser.js';

/** What the dashboard draws, in Chromium: chart labels that fit, a badge that survives reconnects, one clock. */
let fixture: Fixture;
let base: string;
const opened: Browser[] = [];

async function logIn(locale: string): Promise<Browser> {
  const browser = await openBrowser(undefined, { locale });
  opened.push(browser);
  await browser.page.goto(`${base}/login`);
  await browser.page.fill('#password', PASSWORD);
  await browser.page.click('button[type=submit]');
  try {
    await browser.page.waitForSelector('#service-cards .card');
  } catch (error: unknown) {
    // Say where the login stopped: still on the form (and its message), or on a dashboard that drew no card.
    const where = await browser.page.evaluate(() => ({
      url: location.pathname,
      loginError: document.getElementById('login-error')?.textContent ?? null,
      cards: document.getElementById('service-cards')?.textContent?.slice(0, 200) ?? null,
    }));
    throw new Error(`login in ${locale} drew no service card: ${JSON.stringify({ ...where, problems: browser.problems })}`, {
      cause: error,
    });
  }
  return browser;
}

beforeAll(async () => {
  const now = Date.now();
  fixture = await createFixture();
  const { engine } = fixture;
  engine.statuses.push(makeStatus('ollama:http', 'ollama', 'up', now));
  engine.containerList.push(makeContainer('ollama', now));
  const series = (value: (index: number) => number) =>
    Array.from({ length: 120 }, (_, index) => ({ at: now - 3_600_000 + index * 30_000, value: value(index) }));
  // Memory peaks at 19.1 MiB: the widest y-axis label ("19.1 MiB") must not lose its first digit.
  engine.points.set(
    'ollama/memory',
    series((index) => 1.5e7 + (index % 20) * 2e5),
  );
  engine.points.set(
    'ollama:http/latency',
    series((index) => 1200 + index),
  );
  engine.points.set(
    'ollama/cpu',
    series((index) => 5 + (index % 10)),
  );
  engine.logLines.push({ service: 'ollama', at: now - 60_000, stream: 'stdout', level: 'info', text: 'listening' });
  await fixture.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(fixture.app.server.address() as AddressInfo).port}`;
}, 60_000);

// One Chromium at a time: each one left open keeps its live connection and redraws, and a suite
// that piles them up starves the next login on a loaded machine.
afterEach(async () => {
  for (const browser of opened.splice(0)) await browser.close();
});

afterAll(async () => {
  await fixture?.close();
});

describe('dashboard display', () => {
  it('draws every y-axis label of every chart inside its chart (no clipped digits)', async () => {
    const { page, problems } = await logIn('en-US');
    await page.goto(`${base}/#/service/ollama`);
    await page.waitForSelector('figure.chart[data-chart="memory"] svg path.series');
    const charts = await page.$$eval('figure.chart svg', (svgs) =>
      svgs.map((svg) => {
        const box = svg.getBoundingClientRect();
        return Array.from(svg.querySelectorAll('text.axis-label')).map((label) => {
          const rect = label.getBoundingClientRect();
          return { text: label.textContent, inside: rect.left >= box.left - 0.5 && rect.right <= box.right + 0.5 };
        });
      }),
    );
    expect(charts.length).toBe(3);
    expect(charts.flat().map((label) => label.text)).toContain('19.1 MiB');
    expect(charts.flat().filter((label) => !label.inside)).toEqual([]);
    expect(problems).toEqual([]);
  }, 60_000);

  it('refreshes the Alerts badge when the live connection comes back', async () => {
    const { page } = await logIn('en-US');
    await page.waitForFunction(() => document.querySelector('#live')?.textContent === 'live');
    expect(await page.isHidden('#alert-count')).toBe(true);
    // An alert fires while the page is cut off: it misses the live event.
    fixture.engine.alertList.push({
      id: 1,
      ruleId: 'down',
      key: 'ollama',
      service: 'ollama',
      severity: 'critical',
      state: 'firing',
      summary: 'ollama is down',
      startedAt: Date.now(),
      resolvedAt: undefined,
      lastNotifiedAt: undefined,
    });
    fixture.app.server.closeAllConnections();
    await page.waitForFunction(() => document.querySelector('#live')?.textContent === 'reconnecting');
    await page.waitForFunction(() => document.querySelector('#live')?.textContent === 'live', undefined, { timeout: 15_000 });
    await page.waitForFunction(() => document.querySelector('#alert-count')?.textContent === '1', undefined, { timeout: 5_000 });
    expect(await page.isVisible('#alert-count')).toBe(true);
    fixture.engine.alertList.length = 0;
  }, 60_000);

  it('draws the overview when its first API requests fail at the network (a Wi-Fi switch, a changed route)', async () => {
    const browser = await openBrowser();
    opened.push(browser);
    const { page } = browser;
    // The first GET of the session and of the overview die before any response, as Chromium does
    // when the host's interfaces change under it (net::ERR_NETWORK_CHANGED); the next ones go through.
    const failed = new Set<string>();
    await page.route(/\/api\/(session|overview)$/, async (route) => {
      const name = new URL(route.request().url()).pathname;
      if (failed.has(name)) return route.continue();
      failed.add(name);
      return route.abort('internetdisconnected');
    });
    await page.goto(`${base}/login`);
    await page.fill('#password', PASSWORD);
    await page.click('button[type=submit]');
    await page.waitForSelector('#service-cards .card[data-service="ollama"]');
    await page.waitForSelector('#console-link');
    expect([...failed].sort()).toEqual(['/api/overview', '/api/session']);
  }, 60_000);

  for (const [locale, clock] of [
    ['en-US', /^\d{1,2}:\d{2}(:\d{2})? [AP]M$/],
    ['de-DE', /^\d{2}:\d{2}(:\d{2})?$/],
    ['en-GB', /^\d{2}:\d{2}(:\d{2})?$/],
  ] as const) {
    it(`uses one clock format on time axes and in logs (${locale})`, async () => {
      const { page } = await logIn(locale);
      await page.goto(`${base}/#/service/ollama`);
      await page.waitForSelector('figure.chart[data-chart="latency"] svg path.series');
      await page.waitForSelector('#service-logs .log-line');
      const axis = await page.$$eval('figure.chart[data-chart="latency"] text.axis-label[data-axis="time"]', (labels) =>
        labels.map((label) => label.textContent ?? ''),
      );
      const logTimes = await page.$$eval('#service-logs .log-time', (times) => times.map((time) => time.textContent ?? ''));
      expect(axis.length).toBe(5);
      expect(logTimes.length).toBeGreaterThan(0);
      // Logs show the date too: the clock is the part after the last date separator and space.
      const clocks = [...axis, ...logTimes.map((text) => text.replace(/^\S+\s+/, ''))];
      for (const text of clocks) expect(text, `${locale}: ${JSON.stringify(clocks)}`).toMatch(clock);
    }, 60_000);
  }
});
