import type { RouteOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConsoleFixture, headers } from './console/console-fixture.js';
import type { ConsoleFixture } from './console/console-fixture.js';
import { HOST, logIn } from './support/server-fixture.js';
import type { LoggedIn } from './support/server-fixture.js';

/** Routes outside the session scope (the public ones and the bearer-token /metrics). */
const NOT_SESSION_ROUTES = new Set([
  'GET /livez',
  'HEAD /livez',
  'GET /login',
  'HEAD /login',
  'POST /api/login',
  'GET /assets/*',
  'HEAD /assets/*',
  'GET /metrics',
  'HEAD /metrics',
]);
/** Server-Sent Event streams a viewer may open: they never end, so inject() is not used on them. */
const VIEWER_STREAMS = new Set(['GET /api/events', 'GET /api/logs/stream']);

let fixture: ConsoleFixture;
let viewer: LoggedIn;
const routes: { method: string; url: string }[] = [];

beforeAll(async () => {
  fixture = await createConsoleFixture({
    beforeReady(app) {
      app.addHook('onRoute', (route: RouteOptions) => {
        for (const method of [route.method].flat()) routes.push({ method, url: route.url });
      });
    },
  });
  viewer = await logIn(fixture.app, 'viewer');
});
afterAll(async () => fixture?.close());

const isConsole = (url: string): boolean => url === '/console' || url.startsWith('/api/console');
const concreteUrl = (url: string): string => url.replace(/:[A-Za-z]+/g, '1').replace(/\*$/, 'main.js');

describe('the viewer role', () => {
  it('logs in as "viewer" and is told it has no console', async () => {
    const session = await fixture.app.inject({ method: 'GET', url: '/api/session', headers: headers(viewer) });
    expect(session.json()).toEqual({ user: 'viewer', role: 'viewer', csrfToken: viewer.csrfToken, console: false });
    const admin = await logIn(fixture.app);
    const adminSession = await fixture.app.inject({ method: 'GET', url: '/api/session', headers: headers(admin) });
    expect(adminSession.json()).toEqual({ user: 'admin', role: 'admin', csrfToken: admin.csrfToken, console: true });
  });

  it(
    'is refused (403 AIS_SERVER_FORBIDDEN) on every console route and page and on every state-changing route but logout; it ' +
      'reads every other route',
    async () => {
      const outcomes: string[] = [];
      for (const route of routes) {
        const key = `${route.method} ${route.url}`;
        if (NOT_SESSION_ROUTES.has(key) || VIEWER_STREAMS.has(key) || key === 'POST /api/logout') continue;
        const write = !['GET', 'HEAD'].includes(route.method);
        const response = await fixture.app.inject({
          method: route.method as 'GET',
          url: concreteUrl(route.url),
          // The CSRF token and same origin: what is refused here is the role, not a forged request.
          headers: { ...headers(viewer), 'content-type': 'application/json' },
          ...(write ? { payload: '{}' } : {}),
        });
        const refused =
          response.statusCode === 403 && (route.method === 'HEAD' || response.json<{ code: string }>().code === 'AIS_SERVER_FORBIDDEN');
        const expected = isConsole(route.url) || write ? 'refused' : 'allowed';
        const got = refused
          ? 'refused'
          : response.statusCode === 401 || response.statusCode === 403
            ? `other ${response.statusCode}`
            : 'allowed';
        outcomes.push(`${key} ${got}${got === expected ? '' : ` (expected ${expected})`}`);
      }
      expect(outcomes.filter((outcome) => outcome.includes('expected'))).toEqual([]);
      // The walk covered the console (page, reads, writes) and the monitoring API.
      expect(outcomes).toEqual(
        expect.arrayContaining([
          'GET /console refused',
          'GET /api/console/secrets refused',
          'POST /api/console/apply refused',
          'POST /api/console/secrets/:name/rotate refused',
          'POST /api/notifications/test refused',
          'GET /api/overview allowed',
          'GET / allowed',
        ]),
      );
      expect(outcomes.length).toBe(
        routes.length -
          [...NOT_SESSION_ROUTES, ...VIEWER_STREAMS, 'POST /api/logout'].filter((key) =>
            routes.some((route) => `${route.method} ${route.url}` === key),
          ).length,
      );
    },
  );

  it('says why, and the refused console write is in the audit log', async () => {
    const response = await fixture.app.inject({
      method: 'POST',
      url: '/api/console/secrets/postgres-password/rotate',
      headers: headers(viewer),
      payload: { confirm: 'postgres-password' },
    });
    expect([response.statusCode, response.json()]).toEqual([
      403,
      {
        code: 'AIS_SERVER_FORBIDDEN',
        message: 'this needs the admin role; the viewer role only reads the dashboard',
        hint: 'log in as the admin user',
      },
    ]);
    expect(fixture.audit.list(1)[0]).toMatchObject({
      user: 'viewer',
      action: 'refused',
      detail:
        'POST /api/console/secrets/:name/rotate: AIS_SERVER_FORBIDDEN this needs the admin role; the viewer role only reads the dashboard',
    });
  });

  it('may log out', async () => {
    const other = await logIn(fixture.app, 'viewer');
    const response = await fixture.app.inject({ method: 'POST', url: '/api/logout', headers: headers(other), payload: {} });
    expect([response.statusCode, response.json()]).toEqual([200, { ok: true }]);
    const after = await fixture.app.inject({ method: 'GET', url: '/api/overview', headers: { host: HOST, cookie: other.cookie } });
    expect(after.statusCode).toBe(401);
  });

  it('cannot log in with the admin password, nor the admin with the viewer password', async () => {
    const attempt = (user: string, password: string) =>
      fixture.app.inject({
        method: 'POST',
        url: '/api/login',
        headers: { host: HOST, origin: `https://${HOST}` },
        payload: { user, password },
      });
    expect((await attempt('viewer', 'correct horse battery staple 7f3a')).statusCode).toBe(401);
    expect((await attempt('admin', 'viewer only reads 2c9d')).statusCode).toBe(401);
  });
});
