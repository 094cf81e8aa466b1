import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalog } from '../../src/catalog/index.js';
import { manifestSchema } from '../../src/manifest/schema.js';
import { createMonitorEngine } from '../../src/monitor/create-monitor-engine.js';
import type { MonitorEngineRuntime } from '../../src/monitor/create-monitor-engine.js';
import { deriveMonitors } from '../../src/monitor/derive-monitors.js';
import { loadAdminCredentials } from '../../src/server/auth/admin-credentials.js';
import { createServer } from '../../src/server/create-server.js';
import { resolveStack } from '../../src/stack/resolve.js';
import type { FastifyInstance } from 'fastify';
import { openBrowser } from './browser.js';
import type { Browser } from './browser.js';
import { startTestProject } from './docker-services.js';
import type { TestProject } from './docker-services.js';

/**
 * The dashboard on the real monitor engine: busybox containers labelled as a compose project,
 * probed over HTTP and through Docker, logs read from Docker, history in SQLite.
 */
const PASSWORD = 'e2e-admin-password-4c1d';
const HOSTILE = '<img src=x onerror=alert(1)>';

let project: TestProject;
let directory: string;
let engine: MonitorEngineRuntime;
let app: FastifyInstance;
let browser: Browser;
let base: string;

beforeAll(async () => {
  project = await startTestProject(['web', 'api']);
  directory = await mkdtemp(path.join(os.tmpdir(), 'aistack-e2e-'));
  const manifest = manifestSchema.parse({
    name: project.project,
    domain: 'e2e.example.com',
    services: {},
    custom: {
      web: { image: 'aistack-test/busybox:1', port: 8080, health: { http: '/' } },
      api: { image: 'aistack-test/busybox:1', port: 8080, health: { http: '/' } },
    },
    monitor: { enabled: false, interval: '1s' },
  });
  const stack = resolveStack(manifest, catalog);
  const ipOf = new Map(project.services.map((service) => [service.service, service.ip]));
  const monitors = deriveMonitors(stack, {
    secretsDirectory: path.join(directory, 'secrets'),
    composeProject: project.project,
    // The proxy of this stack is not running: point it at a closed loopback port.
    addressOf: (service, port) => (ipOf.has(service) ? { host: ipOf.get(service)!, port } : { host: '127.0.0.1', port: 1 }),
  });
  engine = createMonitorEngine({
    stack,
    monitors,
    databasePath: path.join(directory, 'monitor.db'),
    docker: new Docker(),
    composeProject: project.project,
    notifiers: [],
    resourceIntervalMs: 2000,
  });
  await engine.start();
  await writeFile(path.join(directory, 'password'), `${PASSWORD}\n`, { mode: 0o600 });
  app = createServer({
    engine,
    auth: { admin: await loadAdminCredentials({ passwordFile: path.join(directory, 'password'), cost: 4 }), metricsToken: 'e2e-token' },
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  browser = await openBrowser();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await engine?.stop();
  await project?.remove();
  if (directory) await rm(directory, { recursive: true, force: true });
}, 120_000);

describe('dashboard on the real monitor engine and Docker containers', () => {
  it('logs in and shows the real states; a stopped container turns its card down live', async () => {
    const { page } = browser;
    await page.goto(`${base}/`);
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.fill('#password', 'wrong');
    await page.click('button[type=submit]');
    await page.waitForSelector('#login-error:not([hidden])');
    expect(await page.textContent('#login-error')).toBe('wrong user name or password');
    await page.fill('#password', PASSWORD);
    await page.click('button[type=submit]');
    await page.waitForSelector('#service-cards .card[data-service="web"][data-state="up"]', { timeout: 30_000 });
    await page.waitForSelector('#service-cards .card[data-service="api"][data-state="up"]', { timeout: 30_000 });
    await page.waitForSelector('#service-cards .card[data-service="proxy"][data-state="down"]', { timeout: 30_000 });
    await browser.screenshot('overview');

    await project.stop('api');
    await page.waitForSelector('#service-cards .card[data-service="api"][data-state="down"]', { timeout: 30_000 });
    expect(await page.textContent('#service-cards .card[data-service="web"] .state')).toBe('up');
    await browser.screenshot('overview-api-down');
    await project.start('api');
  }, 120_000);

  it('opens a service page with latency, CPU and memory charts, container info and recent logs', async () => {
    const { page } = browser;
    await page.waitForSelector('#service-cards .card[data-service="api"][data-state="up"]', { timeout: 30_000 });
    // A click whose press and release straddle live redraws (a check arrives every second) still
    // opens the page: the overview updates its cards in place instead of rebuilding them.
    const card = await page.locator('#service-cards .card[data-service="web"]').boundingBox();
    expect(card).not.toBeNull();
    await page.mouse.move(card!.x + card!.width / 2, card!.y + card!.height / 2);
    await page.mouse.down();
    await page.waitForTimeout(2500);
    await page.mouse.up();
    await page.waitForURL((url) => url.hash === '#/service/web', { timeout: 5000 });
    await page.waitForSelector('figure.chart[data-chart="latency"] svg path.series', { timeout: 30_000 });
    await page.waitForSelector('dl.info[data-container]');
    expect(await page.getAttribute('dl.info', 'data-container')).toBe(`${project.project}-web-1`);
    await page.waitForSelector('#service-logs .log-line');
    expect(await page.textContent('#service-logs')).toContain('web started');
    // CPU and memory come from the resource poller every 2 s; wait for two samples.
    for (let attempt = 0; attempt < 20; attempt += 1) {
      const points = await page.getAttribute('figure.chart[data-chart="memory"] svg', 'data-points');
      if (Number(points) >= 1) break;
      await page.waitForTimeout(1000);
      await page.click('button[data-range="1h"]');
    }
    expect(Number(await page.getAttribute('figure.chart[data-chart="memory"] svg', 'data-points'))).toBeGreaterThanOrEqual(1);
    await page.click('button[data-range="24h"]');
    await page.waitForSelector('button[data-range="24h"][aria-pressed="true"]');
    await browser.screenshot('service');
  }, 90_000);

  it('follows logs live; a hostile log line is shown as text', async () => {
    const { page } = browser;
    await page.click('a[data-view="logs"]');
    await page.fill('input[name="services"]', 'web');
    await page.click('#follow');
    await page.waitForFunction(() => document.querySelector('#log-status')?.textContent === 'following live');
    await page.waitForTimeout(500);
    await project.writeLog('web', HOSTILE);
    await page.waitForFunction(
      (text) => Array.from(document.querySelectorAll('#log-lines .log-text')).some((node) => node.textContent === text),
      HOSTILE,
      { timeout: 30_000 },
    );
    // Lines keep arriving without a reload (the container logs a tick every 2 s).
    const before = await page.$$eval('#log-lines .log-line', (lines) => lines.length);
    await page.waitForFunction((count) => document.querySelectorAll('#log-lines .log-line').length > count, before, { timeout: 15_000 });
    expect(await page.$$eval('img', (images) => images.length)).toBe(0);
    expect(browser.dialogs).toEqual([]);
    // Only the filtered service, and no line twice (search and live stream overlap).
    const shown = await page.$$eval('#log-lines .log-line', (rows) =>
      rows.map(
        (row) =>
          `${row.querySelector('.log-time')?.textContent}|${row.querySelector('.log-service')?.textContent}|${row.querySelector('.log-text')?.textContent}`,
      ),
    );
    expect(new Set(shown.map((line) => line.split('|')[1]))).toEqual(new Set(['web']));
    expect(shown.filter((line) => line.endsWith(`|${HOSTILE}`))).toHaveLength(1);
    await browser.screenshot('logs');
  }, 90_000);

  it('shows resources and alerts without errors in the console', async () => {
    const { page } = browser;
    await page.click('a[data-view="resources"]');
    await page.waitForSelector('#containers tr[data-service="web"]', { timeout: 30_000 });
    await browser.screenshot('resources');
    await page.click('a[data-view="alerts"]');
    await page.waitForSelector('#rules');
    await page.click('#send-test');
    await page.waitForSelector('#test-results li');
    await browser.screenshot('alerts');
    expect(browser.dialogs).toEqual([]);
    expect(browser.problems.filter((problem) => !problem.includes('401'))).toEqual([]);
  }, 60_000);
});
