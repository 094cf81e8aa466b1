import type { RouteOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixture, HOST } from './support/server-fixture.js';
import type { Fixture } from './support/server-fixture.js';

/** The only routes anyone may call without logging in. */
const PUBLIC_ROUTES = new Set([
  'GET /livez',
  'HEAD /livez',
  'GET /login',
  'HEAD /login',
  'POST /api/login',
  'GET /assets/*',
  'HEAD /assets/*',
]);

let fixture: Fixture;
const routes: { method: string; url: string }[] = [];

beforeAll(async () => {
  fixture = await createFixture({
    beforeReady(app) {
      app.addHook('onRoute', (route: RouteOptions) => {
        for (const method of [route.method].flat()) routes.push({ method, url: route.url });
      });
    },
  });
});
afterAll(async () => fixture.close());

/** A concrete URL for a route pattern: params become `x`, wildcards `x.js`. */
function concreteUrl(url: string): string {
  return url.replace(/:[A-Za-z]+/g, 'x').replace(/\*$/, 'x.js');
}

describe('every registered route', () => {
  it('the server registers the API, the pages, /metrics and /livez', () => {
    const keys = routes.map((route) => `${route.method} ${route.url}`);
    expect(keys).toEqual(
      expect.arrayContaining([
        'GET /api/overview',
        'GET /api/services/:id',
        'GET /api/resources',
        'GET /api/logs',
        'GET /api/logs/stream',
        'GET /api/alerts',
        'GET /api/rules',
        'POST /api/notifications/test',
        'GET /api/events',
        'GET /api/session',
        'POST /api/logout',
        'POST /api/login',
        'GET /metrics',
        'GET /livez',
        'GET /',
        'GET /login',
        'GET /app/*',
        'GET /assets/*',
      ]),
    );
    expect(routes.length).toBeGreaterThanOrEqual(30);
  });

  it('refuses an unauthenticated request on each route except liveness and the login page, its assets and POST /api/login', async () => {
    const outcomes: string[] = [];
    for (const route of routes) {
      const key = `${route.method} ${route.url}`;
      if (PUBLIC_ROUTES.has(key)) continue;
      const response = await fixture.app.inject({
        method: route.method as 'GET',
        url: concreteUrl(route.url),
        headers: { host: HOST, origin: `https://${HOST}`, 'content-type': 'application/json' },
        ...(route.method === 'GET' || route.method === 'HEAD' ? {} : { payload: '{}' }),
      });
      const refused =
        response.statusCode === 401 ||
        response.statusCode === 403 ||
        (response.statusCode === 303 && response.headers.location === '/login');
      outcomes.push(`${key} -> ${response.statusCode}${refused ? '' : ' NOT REFUSED'}`);
    }
    expect(outcomes.filter((outcome) => outcome.endsWith('NOT REFUSED'))).toEqual([]);
    expect(outcomes.length).toBe(routes.filter((route) => !PUBLIC_ROUTES.has(`${route.method} ${route.url}`)).length);
  });

  it('answers 401 with the error body on the API and redirects the dashboard page to /login', async () => {
    const api = await fixture.app.inject({ method: 'GET', url: '/api/overview' });
    expect(api.statusCode).toBe(401);
    expect(api.json()).toEqual({ code: 'AIS_SERVER_UNAUTHENTICATED', message: 'not logged in', hint: 'log in at /login' });
    const page = await fixture.app.inject({ method: 'GET', url: '/' });
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toBe('/login');
    const metrics = await fixture.app.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.statusCode).toBe(401);
    expect(metrics.headers['www-authenticate']).toBe('Bearer realm="aistack"');
  });

  it('serves the public routes without a session', async () => {
    expect((await fixture.app.inject({ method: 'GET', url: '/livez' })).json()).toEqual({ status: 'ok' });
    const login = await fixture.app.inject({ method: 'GET', url: '/login' });
    expect(login.statusCode).toBe(200);
    expect(login.headers['content-type']).toBe('text/html; charset=utf-8');
    const css = await fixture.app.inject({ method: 'GET', url: '/assets/style.css' });
    expect(css.statusCode).toBe(200);
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
  });
});
