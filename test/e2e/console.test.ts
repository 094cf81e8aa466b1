import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAuditStore } from '../../src/monitor/audit-store.js';
import type { AuditStore } from '../../src/monitor/audit-store.js';
import { loadAdminCredentials } from '../../src/server/auth/admin-credentials.js';
import { createConsoleService } from '../../src/server/console/console-service.js';
import type { ConsoleService } from '../../src/server/console/console-service.js';
import { createServer } from '../../src/server/create-server.js';
import { ensureRuntimeImages } from '../integration/runtime/runtime-images.js';
import { freePort, removeProject, uniqueProjectName } from '../integration/runtime/support.js';
import { createInMemoryEngine } from '../server/support/in-memory-engine.js';
import { openBrowser } from './browser.js';
import type { Browser } from './browser.js';

const run = promisify(execFile);
const PASSWORD = 'e2e-console-password-9b2e';
/** `UPDATE_SCREENSHOTS=1` writes the pictures of docs/console.md. */
const SCREENSHOTS = process.env.UPDATE_SCREENSHOTS ? path.resolve(import.meta.dirname, '../../docs/console') : undefined;

/**
 * The configuration console in Chromium on a real stack (the suite's local nginx and busybox
 * images through image overrides): a form edit applied through the health-gated deploy, the raw
 * editor's positioned errors, an automatic rollback, and a restore. One stack for the file.
 */
describe('the configuration console in a browser', () => {
  const name = uniqueProjectName('aiscon-e2e');
  let directory = '';
  let audit: AuditStore;
  let service: ConsoleService;
  let app: FastifyInstance;
  let browser: Browser;
  let base = '';
  let manifest = (_memory: string, _healthy: boolean): string => '';

  const shot = async (file: string): Promise<void> => {
    if (SCREENSHOTS) await browser.page.screenshot({ path: path.join(SCREENSHOTS, `${file}.png`), fullPage: true });
  };
  const appMemory = async (): Promise<number> => {
    const { stdout } = await run('docker', [
      'ps',
      '-q',
      '--filter',
      `label=com.docker.compose.project=${name}`,
      '--filter',
      'label=com.docker.compose.service=app',
    ]);
    const id = stdout.trim().split('\n')[0]!;
    return Number((await run('docker', ['inspect', '--format', '{{.HostConfig.Memory}}', id])).stdout.trim());
  };

  beforeAll(async () => {
    const images = await ensureRuntimeImages();
    directory = await mkdtemp(path.join(os.tmpdir(), 'aiscon-e2e-'));
    const [httpPort, httpsPort] = [await freePort(), await freePort()];
    manifest = (memory, healthy) =>
      [
        '# The console e2e stack: comments like this one must survive form edits.',
        `name: ${name}`,
        'domain: ai.localhost',
        'images:',
        `  overrides: { proxy: ${images.nginx} }`,
        `proxy: { httpPort: ${httpPort}, httpsPort: ${httpsPort}, bind: 127.0.0.1 }`,
        'monitor: { enabled: false }',
        'custom:',
        '  app:',
        `    image: ${images.busybox}`,
        `    command: [sh, -c, "trap 'exit 0' TERM; touch /tmp/ready; while true; do sleep 1; done"]`,
        `    health: { command: [test, -f, ${healthy ? '/tmp/ready' : '/tmp/never'}] }`,
        ...(healthy ? [] : ['    startTimeout: 12']),
        `    resources: { memory: ${memory} } # sized for the test`,
        '',
      ].join('\n');
    await writeFile(path.join(directory, 'aistack.yaml'), manifest('64m', true));
    await writeFile(path.join(directory, 'password'), `${PASSWORD}\n`, { mode: 0o600 });
    await mkdir(path.join(directory, '.aistack'), { recursive: true });
    audit = openAuditStore(path.join(directory, '.aistack', 'monitor.db'));
    service = createConsoleService({ directory, audit });
    // Revision 1 through the console's own apply (the CLI's deploy under the stack lock).
    const loaded = await service.readManifest();
    const first = await service.apply(
      { user: 'admin', address: '127.0.0.1' },
      { text: loaded.text, baseVersion: loaded.version, confirmWarnings: true, confirmOutsidePaths: false },
    );
    for (let attempt = 0; attempt < 600 && !first.finished; attempt += 1) await new Promise((resolve) => setTimeout(resolve, 200));
    expect(first.events.at(-1)).toMatchObject({ type: 'done', data: { ok: true, revision: 1 } });
    app = createServer({
      engine: createInMemoryEngine(),
      auth: { admin: await loadAdminCredentials({ passwordFile: path.join(directory, 'password'), cost: 4 }), metricsToken: undefined },
      console: service,
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    browser = await openBrowser({ width: 1280, height: 900 });
    // Validation and previews run the real parser, renderer and check on a shared 2-core machine.
    browser.page.setDefaultTimeout(45_000);
    if (SCREENSHOTS) await mkdir(SCREENSHOTS, { recursive: true });
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    audit?.close();
    await removeProject(name);
    if (directory) await rm(directory, { recursive: true, force: true });
  });

  const applyAndWait = async (expected: 'healthy' | 'rolled-back'): Promise<void> => {
    const page = browser.page;
    await page.waitForSelector('#apply:not([disabled])');
    const confirm = page.locator('#confirm-warnings');
    if ((await confirm.count()) > 0) await confirm.check();
    await page.click('#apply');
    await page.waitForSelector('#rollout li', { timeout: 60_000 });
    await page.waitForSelector(`#apply-result [data-result="${expected}"]`, { timeout: 120_000 });
  };

  it('logs in, changes the memory limit in the form, previews the diff and plan, applies it and shows the new healthy revision', async () => {
    const page = browser.page;
    await page.goto(`${base}/login`);
    await page.fill('input[name="user"]', 'admin');
    await page.fill('input[name="password"]', PASSWORD);
    await Promise.all([page.waitForURL(`${base}/`), page.click('button[type="submit"]')]);
    await page.goto(`${base}/console#/services/app`);
    await page.waitForSelector('#f-custom-app-resources-memory');
    expect(await page.inputValue('#f-custom-app-resources-memory')).toBe('64m');
    await shot('services');
    await page.fill('#f-custom-app-resources-memory', '96m');
    await page.click('#save-service');
    await page.waitForSelector('#go-preview');
    await page.click('#go-preview');
    await page.waitForSelector('#plan');
    expect(await page.textContent('#manifest-diff')).toContain(
      '-    resources: { memory: 64m } # sized for the test\n+    resources: { memory: 96m } # sized for the test',
    );
    expect(await page.textContent('#plan [data-plan="recreated"]')).toBe('recreated: app');
    expect(await page.textContent('#plan [data-plan="created"]')).toBe('created: none');
    expect(await page.locator('.file-diff[data-path="compose.yaml"]').textContent()).toContain('-    mem_limit: 64M\n+    mem_limit: 96M');
    await shot('preview');
    await applyAndWait('healthy');
    expect(await page.textContent('#apply-result')).toContain('Revision 2 deployed and healthy.');
    await shot('apply');
    expect(await appMemory()).toBe(96 * 1024 * 1024);
    // The form edit kept the comments of aistack.yaml.
    expect(await readFile(path.join(directory, 'aistack.yaml'), 'utf8')).toBe(manifest('96m', true));
    await page.click('#apply-result a');
    await page.waitForSelector('#revisions tr[data-revision="2"]');
    expect(await page.getAttribute('#revisions tr[data-revision="2"]', 'data-result')).toBe('healthy');
    expect(await page.textContent('#revisions tr[data-revision="2"]')).toContain('console:admin');
    await shot('history');
  }, 300_000);

  it('shows the parser’s positioned error while typing in the raw editor', async () => {
    const page = browser.page;
    await page.goto(`${base}/console#/editor`);
    await page.waitForSelector('.cm-content');
    await page.click('.cm-content');
    await page.keyboard.press('Control+End');
    await page.keyboard.insertText('bogus: 1\n');
    const line = manifest('96m', true).split('\n').length;
    await page.waitForSelector('#editor-problems [data-problems="1"]');
    expect(await page.textContent('#editor-problems')).toMatch(new RegExp(`^aistack\\.yaml:${line}:1 AIS_MANIFEST_UNKNOWN_KEY `));
    await page.waitForSelector('.cm-lintRange-error');
    await shot('editor');
  }, 120_000);

  it('applies a version whose health check fails and shows the automatic rollback', async () => {
    const page = browser.page;
    await page.click('.cm-content');
    await page.keyboard.press('Control+a');
    await page.keyboard.insertText(manifest('96m', false));
    await page.waitForSelector('#editor-problems [data-problems="0"]').catch(async (error: unknown) => {
      throw new Error(`${String(error)}\n${await page.textContent('#editor-problems')}\n${await page.textContent('.cm-content')}`);
    });
    await page.goto(`${base}/console#/preview`);
    await page.waitForSelector('#plan');
    await applyAndWait('rolled-back');
    expect(await page.textContent('#apply-result')).toMatch(
      /Automatic rollback: AIS_RUNTIME_ROLLOUT_FAILED revision 3 failed and was rolled back; revision 2 runs again/,
    );
    await shot('rollback');
    expect(await readFile(path.join(directory, 'aistack.yaml'), 'utf8')).toBe(manifest('96m', true));
    expect(audit.list(20).map((entry) => entry.action)).toEqual(expect.arrayContaining(['rollback', 'apply-failed', 'login']));
  }, 300_000);

  it('restores an older revision through a preview', async () => {
    const page = browser.page;
    await page.goto(`${base}/console#/history`);
    await page.waitForSelector('#revisions tr[data-revision="3"]');
    expect(await page.getAttribute('#revisions tr[data-revision="3"]', 'data-result')).toBe('rolled-back');
    await page.click('button[data-restore="1"]');
    await page.waitForSelector('#plan');
    expect(await page.textContent('h1')).toBe('Restore revision 1');
    expect(await page.textContent('#manifest-diff')).toContain('+    resources: { memory: 64m } # sized for the test');
    await applyAndWait('healthy');
    expect(await appMemory()).toBe(64 * 1024 * 1024);
    await page.goto(`${base}/console#/audit`);
    await page.waitForSelector('#audit tr[data-action="restore"]');
    await shot('audit');
    // The CSP stays strict: CodeMirror's <style> elements carry the page's nonce; the one style
    // attribute it sets (a nonce cannot cover attributes) is blocked, which changes nothing visible.
    expect(browser.problems.filter((problem) => !problem.includes('style attributes'))).toEqual([]);
  }, 300_000);
});
