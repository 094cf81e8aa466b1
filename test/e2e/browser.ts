import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import type { BrowserContext, Page } from 'playwright-core';

/** Debian's chromium, headless, with nothing that reaches the network on its own. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const NETWORK_CHANGED = 'net::ERR_NETWORK_CHANGED';
const PAGE_RESOURCES = new Set(['document', 'script', 'stylesheet']);
const MAX_RELOADS = 3;

export const ARTIFACTS = path.resolve(import.meta.dirname, '../../test-artifacts/e2e');

export interface Browser {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Console errors and CSP violations seen so far. */
  readonly problems: string[];
  /** Dialogs (alert/confirm) that fired: must stay empty. */
  readonly dialogs: string[];
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

export interface BrowserOptions {
  /** Extra Chromium flags, e.g. `--host-resolver-rules=MAP *.example.test 127.0.0.1`. */
  readonly args?: readonly string[];
  /** Accept the test's own local CA without installing it. @default false */
  readonly ignoreHttpsErrors?: boolean;
  /** The browser's locale (navigator.language, Intl defaults). @default Chromium's (en-US) */
  readonly locale?: string;
}

/** A fresh profile in a temporary user-data-dir. */
export async function openBrowser(viewport = { width: 1280, height: 900 }, options: BrowserOptions = {}): Promise<Browser> {
  const userDataDir = await mkdtemp(path.join(os.tmpdir(), 'aistack-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [...CHROMIUM_ARGS, ...(options.args ?? [])],
    viewport,
    timeout: 60_000,
    ignoreHTTPSErrors: options.ignoreHttpsErrors ?? false,
    ...(options.locale ? { locale: options.locale } : {}),
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(15_000);
  const problems: string[] = [];
  const dialogs: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().includes(NETWORK_CHANGED)) problems.push(message.text());
  });
  // Docker adds and removes interfaces while other tests run; Chromium then aborts what is in
  // flight with net::ERR_NETWORK_CHANGED. The page's own GETs repeat themselves (web/app/api.js);
  // a page whose document, scripts or styles died that way is loaded again, as a user would, a
  // bounded number of times. Any other failure stays a failure.
  let reloads = 0;
  page.on('requestfailed', (request) => {
    if (request.failure()?.errorText !== NETWORK_CHANGED || !PAGE_RESOURCES.has(request.resourceType())) return;
    if (request.frame() !== page.mainFrame() || reloads >= MAX_RELOADS) return;
    reloads += 1;
    void page.reload().catch(() => undefined);
  });
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('dialog', (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  await mkdir(ARTIFACTS, { recursive: true });
  return {
    context,
    page,
    problems,
    dialogs,
    async screenshot(name) {
      const file = path.join(ARTIFACTS, `${name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      return file;
    },
    async close() {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}
