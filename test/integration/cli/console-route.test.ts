import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { lstat, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveProjectPaths } from '../../../src/project/paths.js';
import { CONTENT_SECURITY_POLICY } from '../../../src/server/security-headers.js';
import { resolveTlsFiles } from '../../../src/tls/layout.js';
import { openBrowser } from '../../e2e/browser.js';
import { BUILT_CLI, runBuiltCli } from '../../support/built-cli.js';
import { ensureRuntimeImages } from '../runtime/runtime-images.js';
import { freePort, removeProject, uniqueProjectName } from '../runtime/support.js';

const PASSWORD = 'console-route-password-5d1c';
const HOST = 'console.ai.example.test';

interface Reply {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

/**
 * The console route for real: `aistack up` runs the proxy container with the socket directory
 * mounted read-only, `aistack serve` on the host answers on the socket, and the console is used
 * through nginx over HTTPS — login, session, CSRF-checked writes — then the proxy says what to do
 * when serve is gone. What nginx's workers (another user, in the container) need from the socket's
 * permissions is tested here, not assumed.
 */
describe('the console route through the proxy container to `aistack serve` on the host', () => {
  const name = uniqueProjectName('aiscroute');
  let directory = '';
  let httpsPort = 0;
  let ca = '';
  let serve: ChildProcess | undefined;
  let serveOutput = '';

  const request = (method: string, requestPath: string, headers: Record<string, string> = {}, body?: string): Promise<Reply> =>
    new Promise((resolve, reject) => {
      const outgoing = https.request(
        {
          host: '127.0.0.1',
          port: httpsPort,
          servername: HOST,
          method,
          path: requestPath,
          ca,
          agent: false,
          timeout: 15_000,
          headers: { host: `${HOST}:${httpsPort}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
        },
        (response) => {
          let text = '';
          response.on('data', (chunk: Buffer) => (text += chunk.toString()));
          response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: text }));
        },
      );
      outgoing.on('error', reject);
      outgoing.end(body);
    });
  const origin = (): string => `https://${HOST}:${httpsPort}`;

  beforeAll(async () => {
    const images = await ensureRuntimeImages();
    directory = await mkdtemp(path.join(os.tmpdir(), 'aiscroute-'));
    const httpPort = await freePort();
    httpsPort = await freePort();
    await writeFile(
      path.join(directory, 'aistack.yaml'),
      [
        `name: ${name}`,
        'domain: ai.example.test',
        `images: { overrides: { proxy: ${images.nginx} } }`,
        `proxy: { httpPort: ${httpPort}, httpsPort: ${httpsPort}, bind: 127.0.0.1 }`,
        'monitor: { enabled: false }',
        'console: { route: true }',
        'custom:',
        '  app:',
        `    image: ${images.busybox}`,
        `    command: [sh, -c, "trap 'exit 0' TERM; while true; do sleep 1; done"]`,
        '',
      ].join('\n'),
    );
    await writeFile(path.join(directory, 'password'), `${PASSWORD}\n`, { mode: 0o600 });
    const up = await runBuiltCli(['up'], { cwd: directory, timeoutMs: 300_000 });
    expect(up.code, `${up.stdout}\n${up.stderr}`).toBe(0);
    ca = await readFile(resolveTlsFiles(resolveProjectPaths(directory).tls).caCertificate, 'utf8');
    serve = spawn(process.execPath, [BUILT_CLI, 'serve', '--port', '0', '--password-file', 'password'], {
      cwd: directory,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NO_COLOR: '1' },
    });
    serve.stdout!.on('data', (chunk: Buffer) => (serveOutput += chunk.toString()));
    serve.stderr!.on('data', (chunk: Buffer) => (serveOutput += chunk.toString()));
    const deadline = Date.now() + 60_000;
    while (!serveOutput.includes('console route:')) {
      if (Date.now() > deadline || serve.exitCode !== null) throw new Error(`aistack serve did not start:\n${serveOutput}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }, 600_000);

  afterAll(async () => {
    serve?.kill('SIGKILL');
    await removeProject(name);
    if (directory) await rm(directory, { recursive: true, force: true });
  });

  it('serve says where the route is, and the socket is there for the proxy to reach', async () => {
    expect(serveOutput).toContain(
      `console route: ${origin()}/console (the proxy forwards it to ${path.join(directory, '.aistack/console/console.sock')})`,
    );
    const socket = path.join(directory, '.aistack', 'console', 'console.sock');
    expect((await lstat(socket)).isSocket()).toBe(true);
    expect((await stat(path.dirname(socket))).mode & 0o777).toBe(0o755);
    expect(await readFile(path.join(directory, 'STACK.md'), 'utf8')).toContain(`The configuration console: ${origin()}/console`);
  });

  it('logs in through nginx and makes CSRF-checked console requests; a missing token or another Origin is refused', async () => {
    const page = await request('GET', '/login');
    expect(page.status).toBe(200);
    expect(page.body).toContain('<form');
    expect(page.headers['strict-transport-security']).toBe('max-age=63072000; includeSubDomains');
    // One policy, serve's own (the upstream copy is hidden, the console map passes it on).
    expect(page.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);

    const wrong = await request(
      'POST',
      '/api/login',
      { origin: 'https://evil.example' },
      JSON.stringify({ user: 'admin', password: PASSWORD }),
    );
    expect(wrong.status).toBe(403);
    const login = await request('POST', '/api/login', { origin: origin() }, JSON.stringify({ user: 'admin', password: PASSWORD }));
    expect(login.status, login.body).toBe(200);
    const setCookie = String(login.headers['set-cookie']);
    // Behind HTTPS the session cookie is Secure and host-only.
    expect(setCookie).toMatch(/^__Host-[^=]+=[^;]+;.*Secure/);
    const cookie = setCookie.split(';')[0]!;
    const { csrfToken } = JSON.parse(login.body) as { csrfToken: string };

    const session = await request('GET', '/api/session', { cookie });
    expect(JSON.parse(session.body)).toMatchObject({ user: 'admin', role: 'admin', console: true });

    const text = await readFile(path.join(directory, 'aistack.yaml'), 'utf8');
    const body = JSON.stringify({ text });
    const noToken = await request('POST', '/api/console/validate', { cookie, origin: origin() }, body);
    expect(noToken.status).toBe(403);
    expect(JSON.parse(noToken.body)).toMatchObject({ code: 'AIS_SERVER_CSRF' });
    const elsewhere = await request(
      'POST',
      '/api/console/validate',
      { cookie, origin: 'https://evil.example', 'x-csrf-token': csrfToken },
      body,
    );
    expect(elsewhere.status).toBe(403);
    const validated = await request('POST', '/api/console/validate', { cookie, origin: origin(), 'x-csrf-token': csrfToken }, body);
    expect(validated.status, validated.body).toBe(200);
    expect(JSON.parse(validated.body)).toMatchObject({ ok: true, problems: [] });

    // The audit log has the address nginx saw (its X-Forwarded-For, believed on the socket only).
    const audit = JSON.parse((await request('GET', '/api/console/audit?limit=10', { cookie })).body) as {
      action: string;
      address: string;
    }[];
    const entry = audit.find((candidate) => candidate.action === 'login');
    expect(entry?.address).toMatch(/^(\d{1,3}\.){3}\d{1,3}$/);
  });

  it('works in Chromium through the route: login, the console pages, the raw editor (no CSP or script error)', async () => {
    const browser = await openBrowser(undefined, { args: [`--host-resolver-rules=MAP ${HOST} 127.0.0.1`], ignoreHttpsErrors: true });
    try {
      const { page } = browser;
      page.setDefaultTimeout(45_000);
      await page.goto(`${origin()}/login`);
      await page.fill('input[name="user"]', 'admin');
      await page.fill('input[name="password"]', PASSWORD);
      await Promise.all([page.waitForURL(`${origin()}/`), page.click('button[type="submit"]')]);
      await page.goto(`${origin()}/console#/services/app`);
      await page.waitForSelector('#f-custom-app-resources-memory');
      await page.goto(`${origin()}/console#/editor`);
      await page.waitForSelector('.cm-content');
      // CodeMirror's <style> elements carry the console page's nonce: the proxy passes serve's CSP on.
      expect(browser.problems).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it('answers with its own page saying to start `aistack serve` when serve is not running; the socket is gone', async () => {
    const exited = new Promise((resolve) => serve!.once('exit', resolve));
    serve!.kill('SIGTERM');
    await exited;
    await expect(lstat(path.join(directory, '.aistack', 'console', 'console.sock'))).rejects.toMatchObject({ code: 'ENOENT' });
    const reply = await request('GET', '/console');
    expect(reply.status).toBe(502);
    expect(reply.body).toContain('<code>aistack serve</code> is not running on the host');
  });
});
