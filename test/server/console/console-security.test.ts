import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { RouteOptions } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { resolveProjectPaths } from '../../../src/project/paths.js';
import { resolveServeSettings } from '../../../src/server/serve-settings.js';
import { HOST, logIn } from '../support/server-fixture.js';
import type { LoggedIn } from '../support/server-fixture.js';
import { createConsoleFixture, headers, MANIFEST } from './console-fixture.js';
import type { ConsoleFixture } from './console-fixture.js';

let fixture: ConsoleFixture;
let session: LoggedIn;
let version = '';
const routes: { method: string; url: string }[] = [];

beforeAll(async () => {
  fixture = await createConsoleFixture({
    beforeReady(app) {
      app.addHook('onRoute', (route: RouteOptions) => {
        for (const method of [route.method].flat()) routes.push({ method, url: route.url });
      });
    },
  });
  session = await logIn(fixture.app);
});
afterAll(async () => fixture.close());
beforeEach(async () => {
  await writeFile(path.join(fixture.project, 'aistack.yaml'), MANIFEST);
  const loaded = await fixture.app.inject({ method: 'GET', url: '/api/console/manifest', headers: headers(session) });
  version = loaded.json<{ version: string }>().version;
});

const manifestOnDisk = (): Promise<string> => readFile(path.join(fixture.project, 'aistack.yaml'), 'utf8');
const edited = MANIFEST.replace('command: [sleep, "1000"]', 'command: [sleep, "2000"]');
const lastAudit = (): { action: string; detail: string } => fixture.audit.list(1)[0]!;

describe('the console refuses', () => {
  it('a write without a session (401), and the file stays as it was', async () => {
    const response = await fixture.app.inject({
      method: 'POST',
      url: '/api/console/apply',
      headers: { host: HOST, origin: `https://${HOST}` },
      payload: { text: edited, baseVersion: version },
    });
    expect([response.statusCode, response.json()]).toEqual([
      401,
      { code: 'AIS_SERVER_UNAUTHENTICATED', message: 'not logged in', hint: 'log in at /login' },
    ]);
    expect(await manifestOnDisk()).toBe(MANIFEST);
  });

  it('a write without the CSRF token, and one from another Origin (403)', async () => {
    const noToken = await fixture.app.inject({
      method: 'POST',
      url: '/api/console/apply',
      headers: headers(session, {}, false),
      payload: { text: edited, baseVersion: version },
    });
    expect([noToken.statusCode, noToken.json<Record<string, unknown>>().code, noToken.json<Record<string, unknown>>().message]).toEqual([
      403,
      'AIS_SERVER_CSRF',
      'missing or wrong CSRF token',
    ]);
    const otherOrigin = await fixture.app.inject({
      method: 'POST',
      url: '/api/console/apply',
      headers: headers(session, { origin: 'https://evil.example' }),
      payload: { text: edited, baseVersion: version },
    });
    expect([otherOrigin.statusCode, otherOrigin.json<Record<string, unknown>>().message]).toEqual([403, 'cross-origin request refused']);
    const crossSite = await fixture.app.inject({
      method: 'POST',
      url: '/api/console/secrets/postgres-password/rotate',
      headers: { host: HOST, cookie: session.cookie, 'x-csrf-token': session.csrfToken, 'sec-fetch-site': 'cross-site' },
      payload: { confirm: 'postgres-password' },
    });
    expect(crossSite.statusCode).toBe(403);
    expect(await manifestOnDisk()).toBe(MANIFEST);
    expect(fixture.deployed).toEqual([]);
  });

  it('a session without the admin role (403)', async () => {
    const viewer = fixture.sessions.create('viewer', 'viewer');
    const cookie = `aistack-session=${viewer.id}`;
    const response = await fixture.app.inject({ method: 'GET', url: '/api/console/manifest', headers: { host: HOST, cookie } });
    expect([response.statusCode, response.json<Record<string, unknown>>().code]).toEqual([403, 'AIS_SERVER_FORBIDDEN']);
  });

  it.each([
    ['GET', '/api/console/revisions/..%2F..%2Fetc%2Fpasswd/manifest'],
    ['GET', '/api/console/revisions/1/diff/..%2Fstate.db'],
    ['GET', '/api/console/operations/..%2F..%2Faistack.yaml/events'],
    ['POST', '/api/console/secrets/..%2F..%2Fsecrets%2Fpostgres-password/rotate'],
    ['GET', '/api/console/revisions/1%00/manifest'],
    ['GET', '/api/console/revisions/-1/diff/2'],
  ])('path traversal in a parameter: %s %s (400)', async (method, url) => {
    const response = await fixture.app.inject({
      method: method as 'GET',
      url,
      headers: headers(session),
      ...(method === 'POST' ? { payload: { confirm: 'x' } } : {}),
    });
    expect([response.statusCode, response.json<Record<string, unknown>>().code]).toEqual([400, 'AIS_SERVER_BAD_REQUEST']);
  });

  it('static file paths outside the web root (404)', async () => {
    for (const url of ['/app/../../package.json', '/app/%2e%2e/%2e%2e/aistack.yaml', '/assets/..%2f..%2fsrc%2ferrors.ts']) {
      const response = await fixture.app.inject({ method: 'GET', url, headers: headers(session) });
      expect(response.statusCode, url).toBeGreaterThanOrEqual(400);
      expect(response.body).not.toContain('AistackError');
    }
  });

  it('a form edit of a __proto__ key, leaving the text as it was', async () => {
    const response = await fixture.app.inject({
      method: 'POST',
      url: '/api/console/edit',
      headers: headers(session),
      payload: { text: MANIFEST, edits: [{ path: ['__proto__', 'polluted'], value: 'yes' }] },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json<Record<string, unknown>>().text).toBe(MANIFEST);
    expect(response.json<{ problems: { code: string }[] }>().problems[0]!.code).toBe('AIS_MANIFEST_INVALID_KEY');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('a manifest pointing at a host path outside the project, until confirmed; both are audited', async () => {
    const outside = `${MANIFEST}backup: { directory: /var/tmp/aiscon-elsewhere }\n`;
    const preview = await fixture.app.inject({
      method: 'POST',
      url: '/api/console/preview',
      headers: headers(session),
      payload: { text: outside },
    });
    expect(preview.json<Record<string, unknown>>().outsidePaths).toEqual([
      { key: 'backup.directory', value: '/var/tmp/aiscon-elsewhere', resolved: '/var/tmp/aiscon-elsewhere' },
    ]);
    expect(preview.json<Record<string, unknown>>().needsConfirmation).toBe(true);
    const refused = await fixture.app.inject({
      method: 'POST',
      url: '/api/console/apply',
      headers: headers(session),
      payload: { text: outside, baseVersion: version },
    });
    expect([refused.statusCode, refused.json()]).toEqual([
      428,
      {
        code: 'AIS_SERVER_NEEDS_CONFIRMATION',
        message: 'aistack.yaml points at host paths outside the project (backup.directory: /var/tmp/aiscon-elsewhere)',
        hint: 'confirm the host paths explicitly to apply',
      },
    ]);
    expect(await manifestOnDisk()).toBe(MANIFEST);
    expect(lastAudit()).toMatchObject({ action: 'refused', detail: expect.stringContaining('backup.directory=/var/tmp/aiscon-elsewhere') });
    const confirmed = await fixture.app.inject({
      method: 'POST',
      url: '/api/console/apply',
      headers: headers(session),
      payload: { text: outside, baseVersion: version, confirmOutsidePaths: true },
    });
    expect(confirmed.statusCode).toBe(202);
    expect(fixture.audit.list(5).map((entry) => entry.action)).toEqual(expect.arrayContaining(['outside-path-confirmed', 'apply']));
    await waitForOperationEnd();
    expect(await manifestOnDisk()).toBe(outside);
  });

  it('oversized bodies: a manifest over 256 KiB (400) and a body over the limit (413)', async () => {
    const big = `${MANIFEST}#${'x'.repeat(256 * 1024)}\n`;
    const tooLong = await fixture.app.inject({
      method: 'POST',
      url: '/api/console/validate',
      headers: headers(session),
      payload: { text: big },
    });
    expect([tooLong.statusCode, tooLong.json<Record<string, unknown>>().code]).toEqual([400, 'AIS_SERVER_BAD_REQUEST']);
    const huge = await fixture.app.inject({
      method: 'POST',
      url: '/api/console/validate',
      headers: { ...headers(session), 'content-type': 'application/json' },
      payload: JSON.stringify({ text: 'x'.repeat(600 * 1024) }),
    });
    expect(huge.statusCode).toBe(413);
    const rotateBody = await fixture.app.inject({
      method: 'POST',
      url: '/api/console/secrets/postgres-password/rotate',
      headers: { ...headers(session), 'content-type': 'application/json' },
      payload: JSON.stringify({ confirm: 'postgres-password', padding: 'x'.repeat(100 * 1024) }),
    });
    expect(rotateBody.statusCode).toBe(413);
  });

  it('an apply when aistack.yaml changed on disk since the page loaded it (409 with the diff)', async () => {
    const meanwhile = MANIFEST.replace('# the test stack', '# changed by hand');
    await writeFile(path.join(fixture.project, 'aistack.yaml'), meanwhile);
    const response = await fixture.app.inject({
      method: 'POST',
      url: '/api/console/apply',
      headers: headers(session),
      payload: { text: edited, baseVersion: version },
    });
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({
      code: 'AIS_SERVER_CONFLICT',
      message: 'aistack.yaml changed on disk since the page loaded it; nothing was applied',
      diff: '--- a/aistack.yaml\n+++ b/aistack.yaml\n@@ -1,4 +1,4 @@\n-# the test stack\n+# changed by hand\n name: aiscon-unit\n domain: ai.localhost\n \n',
    });
    expect(await manifestOnDisk()).toBe(meanwhile);
    expect(fixture.deployed).toHaveLength(1);
  });

  it('an apply while another process holds the stack lock (409)', async () => {
    const holder = spawn(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `const { acquireStackLock } = await import(${JSON.stringify(path.resolve('dist/runtime/stack-lock.js'))}); await ` +
          `acquireStackLock(${JSON.stringify(resolveProjectPaths(fixture.project))}, { command: 'deploy' }); ` +
          `console.log('held'); setTimeout(() => {}, 60000);`,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    try {
      await new Promise<void>((resolve, reject) => {
        holder.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('held') && resolve());
        holder.once('exit', (code) => reject(new Error(`lock holder exited ${code}`)));
      });
      const response = await fixture.app.inject({
        method: 'POST',
        url: '/api/console/apply',
        headers: headers(session),
        payload: { text: edited, baseVersion: version },
      });
      expect(response.statusCode).toBe(409);
      expect(response.json<Record<string, unknown>>().message).toMatch(
        new RegExp(`^another aistack command is changing this stack: deploy \\(pid ${holder.pid}, started at `),
      );
      expect(await manifestOnDisk()).toBe(MANIFEST);
    } finally {
      holder.kill('SIGKILL');
    }
  }, 30_000);
});

describe('the route table', () => {
  it('has only the console routes below, none that execs, runs SQL or reads files', () => {
    const consoleRoutes = routes.filter((route) => route.url.startsWith('/api/console')).map((route) => `${route.method} ${route.url}`);
    expect(consoleRoutes.sort()).toEqual(
      [
        'GET /api/console/audit',
        'GET /api/console/form',
        'GET /api/console/manifest',
        'GET /api/console/operations/:id/events',
        'GET /api/console/revisions',
        'GET /api/console/revisions/:from/diff/:to',
        'GET /api/console/revisions/:id/manifest',
        'GET /api/console/secrets',
        'HEAD /api/console/audit',
        'HEAD /api/console/form',
        'HEAD /api/console/manifest',
        'HEAD /api/console/revisions',
        'HEAD /api/console/revisions/:from/diff/:to',
        'HEAD /api/console/revisions/:id/manifest',
        'HEAD /api/console/secrets',
        'POST /api/console/apply',
        'POST /api/console/edit',
        'POST /api/console/preview',
        'POST /api/console/secrets/:name/rotate',
        'POST /api/console/validate',
      ].sort(),
    );
    for (const route of routes) expect(route.url).not.toMatch(/exec|sql|query|shell|command|file|path|container|docker/i);
  });

  it('every state-changing route needs the CSRF token', async () => {
    for (const route of routes.filter(
      (candidate) => !['GET', 'HEAD', 'OPTIONS'].includes(candidate.method) && candidate.url !== '/api/login',
    )) {
      const url = route.url.replace(/:[A-Za-z]+/g, 'x');
      const response = await fixture.app.inject({ method: route.method as 'POST', url, headers: headers(session, {}, false), payload: {} });
      expect(response.statusCode, `${route.method} ${route.url}`).toBe(403);
    }
  });
});

describe('where the console listens', () => {
  const paths = resolveProjectPaths('/srv/project');
  it('refuses --console on 0.0.0.0 without a proxy in front', () => {
    expect(() => resolveServeSettings({ host: '0.0.0.0', console: true }, {}, paths)).toThrow(
      expect.objectContaining({
        code: 'AIS_SERVER_CONSOLE_EXPOSED',
        message: 'the console would listen on 0.0.0.0 with no reverse proxy in front',
      }),
    );
    expect(() => resolveServeSettings({ host: '0.0.0.0' }, { AISTACK_CONSOLE: 'on' }, paths)).toThrow(
      expect.objectContaining({ code: 'AIS_SERVER_CONSOLE_EXPOSED' }),
    );
  });

  it('runs on loopback by default, is off on 0.0.0.0 without --console (the in-stack monitor), and on behind --trust-proxy', () => {
    expect(resolveServeSettings({}, {}, paths).console).toEqual({ enabled: true, reason: 'on 127.0.0.1 only' });
    expect(resolveServeSettings({}, { AISTACK_HOST: '0.0.0.0', AISTACK_PORT: '8090' }, paths).console.enabled).toBe(false);
    expect(resolveServeSettings({ host: '0.0.0.0', console: true, trustProxy: '172.18.0.2' }, {}, paths).console).toEqual({
      enabled: true,
      reason: 'on 0.0.0.0, behind the proxy',
    });
    expect(resolveServeSettings({ console: false }, {}, paths).console.enabled).toBe(false);
  });

  it('over a real socket: refuses an unauthenticated write and serves the manifest to the admin', async () => {
    const address = await fixture.app.listen({ host: '127.0.0.1', port: 0 });
    const url = new URL(address);
    const refused = await fetch(`${address}/api/console/apply`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: url.origin },
      body: JSON.stringify({ text: edited, baseVersion: version }),
    });
    expect(refused.status).toBe(401);
    const login = await fetch(`${address}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: url.origin },
      body: JSON.stringify({ user: 'admin', password: (await import('../support/server-fixture.js')).PASSWORD }),
    });
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const manifest = await fetch(`${address}/api/console/manifest`, { headers: { cookie } });
    expect(((await manifest.json()) as { text: string }).text).toBe(MANIFEST);
    const noCsrf = await fetch(`${address}/api/console/validate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, origin: url.origin },
      body: JSON.stringify({ text: MANIFEST }),
    });
    expect(noCsrf.status).toBe(403);
    const validated = await fetch(`${address}/api/console/validate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, origin: url.origin, 'x-csrf-token': csrfToken },
      body: JSON.stringify({ text: MANIFEST.replace('domain: ai.localhost', 'domain: AI LOCAL') }),
    });
    const body = (await validated.json()) as { ok: boolean; problems: { text: string }[] };
    expect(body.ok).toBe(false);
    expect(body.problems[0]!.text).toMatch(/^aistack\.yaml:3:9 AIS_MANIFEST_INVALID_VALUE /);
    expect(fixture.audit.list(50).some((entry) => entry.action === 'login')).toBe(true);
  });
});

async function waitForOperationEnd(): Promise<void> {
  for (let attempt = 0; attempt < 100 && fixture.service.operations.running(); attempt += 1)
    await new Promise((resolve) => setTimeout(resolve, 20));
}
