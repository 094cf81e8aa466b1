import { afterEach, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../src/server/security-headers.js';
import { createFixture, HOST, logIn, METRICS_TOKEN, PASSWORD } from './support/server-fixture.js';
import type { Fixture } from './support/server-fixture.js';

const fixtures: Fixture[] = [];
afterEach(async () => {
  for (const fixture of fixtures.splice(0)) await fixture.close();
});
async function start(options: Parameters<typeof createFixture>[0] = {}): Promise<Fixture> {
  const fixture = await createFixture(options);
  fixtures.push(fixture);
  return fixture;
}
const sameOrigin = { host: HOST, origin: `https://${HOST}` };

describe('login', () => {
  it('sets an HttpOnly, Secure, SameSite=Strict __Host- cookie and returns the CSRF token', async () => {
    const { app } = await start();
    const response = await app.inject({
      method: 'POST',
      url: '/api/login',
      headers: sameOrigin,
      payload: { user: 'admin', password: PASSWORD },
    });
    expect(response.statusCode).toBe(200);
    const body = response.json<{ user: string; csrfToken: string }>();
    expect(body.user).toBe('admin');
    expect(body.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const setCookie = String(response.headers['set-cookie']);
    expect(setCookie).toMatch(/^__Host-aistack-session=[A-Za-z0-9_-]{43}; Max-Age=604800; Path=\/; HttpOnly; Secure; SameSite=Strict$/);
    expect(setCookie).not.toContain(PASSWORD);
  });

  it('refuses a wrong password and a wrong user with the same 401', async () => {
    const { app } = await start();
    for (const payload of [
      { user: 'admin', password: 'nope' },
      { user: 'root', password: PASSWORD },
    ]) {
      const response = await app.inject({ method: 'POST', url: '/api/login', headers: sameOrigin, payload });
      expect(response.statusCode).toBe(401);
      expect(response.json()).toEqual({
        code: 'AIS_SERVER_BAD_CREDENTIALS',
        message: 'wrong user name or password',
        hint: "the password is in the monitor's admin password file",
      });
      expect(response.headers['set-cookie']).toBeUndefined();
    }
  });

  it('refuses a login posted from another site (login CSRF)', async () => {
    const { app } = await start();
    const response = await app.inject({
      method: 'POST',
      url: '/api/login',
      headers: { host: HOST, origin: 'https://evil.example' },
      payload: { user: 'admin', password: PASSWORD },
    });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ code: 'AIS_SERVER_CSRF', message: 'cross-origin request refused' });
  });

  it('refuses a form-encoded login (a cross-site form cannot send JSON)', async () => {
    const { app } = await start();
    const response = await app.inject({
      method: 'POST',
      url: '/api/login',
      headers: { host: HOST, 'content-type': 'application/x-www-form-urlencoded' },
      payload: `user=admin&password=${encodeURIComponent(PASSWORD)}`,
    });
    expect(response.statusCode).toBe(415);
  });

  it('throttles repeated failures per address with 429 and an exponentially growing Retry-After', async () => {
    let clock = 1_000_000;
    const { app } = await start({ throttle: { freeAttempts: 3, baseDelayMs: 1000, now: () => clock } });
    const attempt = (password: string, user = 'admin') =>
      app.inject({ method: 'POST', url: '/api/login', headers: sameOrigin, payload: { user, password }, remoteAddress: '192.0.2.7' });
    for (let index = 0; index < 3; index += 1) expect((await attempt('wrong')).statusCode).toBe(401);
    // The third failure reached the free limit: the next attempt waits 1 s, even with the right password.
    const blocked = await attempt(PASSWORD);
    expect(blocked.statusCode).toBe(429);
    expect(blocked.headers['retry-after']).toBe('1');
    expect(blocked.json()).toEqual({
      code: 'AIS_SERVER_THROTTLED',
      message: 'too many failed logins; try again in 1 s',
      hint: 'wait, then log in with the password from the admin password file',
    });
    clock += 1000;
    expect((await attempt('wrong')).statusCode).toBe(401);
    expect((await attempt('wrong')).headers['retry-after']).toBe('2');
    clock += 2000;
    expect((await attempt('wrong')).statusCode).toBe(401);
    expect((await attempt('wrong')).headers['retry-after']).toBe('4');
    clock += 4000;
    expect((await attempt(PASSWORD)).statusCode).toBe(200);
  });

  it('counts each attempt before its password is checked: concurrent wrong logins cannot all be checked', async () => {
    let checks = 0;
    // A password check that takes a while (as bcrypt does): every request is in flight at once.
    const slowAdmin = {
      user: 'admin',
      verify: async () => {
        checks += 1;
        await new Promise((resolve) => setTimeout(resolve, 100));
        return false;
      },
    };
    const { app } = await start({
      throttle: { freeAttempts: 5, now: () => 1_000_000 },
      server: { auth: { admin: slowAdmin, metricsToken: METRICS_TOKEN } },
    });
    const replies = await Promise.all(
      Array.from({ length: 50 }, (_, index) =>
        app.inject({
          method: 'POST',
          url: '/api/login',
          headers: sameOrigin,
          payload: { user: 'admin', password: `wrong-${index}` },
          remoteAddress: '192.0.2.9',
        }),
      ),
    );
    expect(replies.filter((reply) => reply.statusCode === 401)).toHaveLength(5);
    expect(replies.filter((reply) => reply.statusCode === 429)).toHaveLength(45);
    expect(checks).toBe(5);
  });

  it('throttles per user name across addresses', async () => {
    let clock = 5_000_000;
    const { app } = await start({ throttle: { freeAttempts: 2, now: () => clock } });
    for (const remoteAddress of ['192.0.2.1', '192.0.2.2']) {
      const response = await app.inject({
        method: 'POST',
        url: '/api/login',
        headers: sameOrigin,
        payload: { user: 'admin', password: 'x' },
        remoteAddress,
      });
      expect(response.statusCode).toBe(401);
    }
    const third = await app.inject({
      method: 'POST',
      url: '/api/login',
      headers: sameOrigin,
      payload: { user: 'admin', password: PASSWORD },
      remoteAddress: '192.0.2.3',
    });
    expect(third.statusCode).toBe(429);
    clock += 1;
  });
});

describe('sessions and CSRF', () => {
  it('a session reads the API; the CSRF token comes from /api/session', async () => {
    const { app } = await start();
    const { cookie, csrfToken } = await logIn(app);
    const session = await app.inject({ method: 'GET', url: '/api/session', headers: { cookie } });
    expect(session.statusCode).toBe(200);
    expect(session.json()).toEqual({ user: 'admin', role: 'admin', csrfToken, console: false });
  });

  it('a server without the console names the console route for its dashboard to link to (console.route)', async () => {
    const { app } = await start({ server: { consoleUrl: 'https://console.ai.example.test/console' } });
    const { cookie } = await logIn(app);
    const session = await app.inject({ method: 'GET', url: '/api/session', headers: { cookie } });
    expect(session.json()).toMatchObject({ console: false, consoleUrl: 'https://console.ai.example.test/console' });
  });

  it('refuses a state-changing request without the CSRF token, with a wrong one, or from another origin', async () => {
    const { app, engine } = await start();
    const { cookie, csrfToken } = await logIn(app);
    const post = (headers: Record<string, string>) =>
      app.inject({ method: 'POST', url: '/api/notifications/test', headers: { cookie, ...headers }, payload: {} });
    const missing = await post(sameOrigin);
    expect(missing.statusCode).toBe(403);
    expect(missing.json()).toEqual({
      code: 'AIS_SERVER_CSRF',
      message: 'missing or wrong CSRF token',
      hint: 'reload the page; send the token from GET /api/session in x-csrf-token',
    });
    expect(
      (await post({ ...sameOrigin, 'x-csrf-token': `${csrfToken.slice(0, -1)}${csrfToken.endsWith('A') ? 'B' : 'A'}` })).statusCode,
    ).toBe(403);
    expect((await post({ host: HOST, origin: 'https://evil.example', 'x-csrf-token': csrfToken })).statusCode).toBe(403);
    expect((await post({ host: HOST, 'sec-fetch-site': 'cross-site', 'x-csrf-token': csrfToken })).statusCode).toBe(403);
    expect(engine.testNotifications).toBe(0);
    const ok = await post({ ...sameOrigin, 'x-csrf-token': csrfToken });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ results: [{ notifier: 'local-webhook', ok: true, message: 'delivered (HTTP 204)' }] });
    expect(engine.testNotifications).toBe(1);
  });

  it('logout needs the CSRF token, ends the session and clears the cookie', async () => {
    const { app } = await start();
    const { cookie, csrfToken } = await logIn(app);
    expect((await app.inject({ method: 'POST', url: '/api/logout', headers: { cookie, ...sameOrigin }, payload: {} })).statusCode).toBe(
      403,
    );
    const out = await app.inject({
      method: 'POST',
      url: '/api/logout',
      headers: { cookie, ...sameOrigin, 'x-csrf-token': csrfToken },
      payload: {},
    });
    expect(out.statusCode).toBe(200);
    expect(String(out.headers['set-cookie'])).toMatch(/^__Host-aistack-session=; Max-Age=0;/);
    expect((await app.inject({ method: 'GET', url: '/api/overview', headers: { cookie } })).statusCode).toBe(401);
  });

  it('a new login replaces a planted session id (no fixation)', async () => {
    const { app } = await start();
    const first = await logIn(app);
    const second = await app.inject({
      method: 'POST',
      url: '/api/login',
      headers: { ...sameOrigin, cookie: first.cookie },
      payload: { user: 'admin', password: PASSWORD },
    });
    expect(second.statusCode).toBe(200);
    expect(second.cookies[0]?.value).not.toBe(first.cookie.split('=')[1]);
    expect((await app.inject({ method: 'GET', url: '/api/overview', headers: { cookie: first.cookie } })).statusCode).toBe(401);
  });

  it('a forged cookie value is not a session', async () => {
    const { app } = await start();
    const response = await app.inject({
      method: 'GET',
      url: '/api/overview',
      headers: { cookie: '__Host-aistack-session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' },
    });
    expect(response.statusCode).toBe(401);
  });

  it('without secure cookies (plain-HTTP development) the cookie has no __Host- prefix and no Secure flag', async () => {
    const { app } = await start({ server: { secureCookies: false } });
    const response = await app.inject({
      method: 'POST',
      url: '/api/login',
      headers: sameOrigin,
      payload: { user: 'admin', password: PASSWORD },
    });
    expect(String(response.headers['set-cookie'])).toMatch(
      /^aistack-session=[A-Za-z0-9_-]{43}; Max-Age=604800; Path=\/; HttpOnly; SameSite=Strict$/,
    );
  });
});

describe('/metrics', () => {
  it('answers the scraper holding the bearer token, and 401 to anyone else', async () => {
    const { app } = await start();
    const good = await app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(good.statusCode).toBe(200);
    expect(good.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
    for (const authorization of [`Bearer ${METRICS_TOKEN}x`, `Basic ${METRICS_TOKEN}`, 'Bearer ', `bearer ${METRICS_TOKEN.slice(1)}`]) {
      const bad = await app.inject({ method: 'GET', url: '/metrics', headers: { authorization } });
      expect(bad.statusCode).toBe(401);
      expect(bad.json()).toEqual({
        code: 'AIS_SERVER_BAD_TOKEN',
        message: 'missing or wrong bearer token',
        hint: "send `Authorization: Bearer <token>` with the monitor's metrics token",
      });
    }
  });

  it('a session cookie is not enough for /metrics', async () => {
    const { app } = await start();
    const { cookie } = await logIn(app);
    expect((await app.inject({ method: 'GET', url: '/metrics', headers: { cookie } })).statusCode).toBe(401);
  });

  it('refuses every scrape when no token is configured', async () => {
    const { app } = await start({ server: { auth: { admin: { user: 'admin', verify: async () => false }, metricsToken: undefined } } });
    expect((await app.inject({ method: 'GET', url: '/metrics', headers: { authorization: 'Bearer ' } })).statusCode).toBe(401);
  });
});

describe('security headers', () => {
  it('every answer, errors included, carries a strict CSP without unsafe-inline or unsafe-eval', async () => {
    const { app } = await start();
    for (const url of ['/login', '/api/overview', '/nope', '/livez']) {
      const response = await app.inject({ method: 'GET', url });
      expect(response.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['x-frame-options']).toBe('DENY');
      expect(response.headers['referrer-policy']).toBe('no-referrer');
    }
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe/);
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
  });

  it('sends HSTS only over HTTPS (behind a trusted proxy)', async () => {
    const { app } = await start({ server: { trustProxy: '127.0.0.1' } });
    const https = await app.inject({ method: 'GET', url: '/livez', headers: { 'x-forwarded-proto': 'https' } });
    expect(https.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    const http = await app.inject({ method: 'GET', url: '/livez' });
    expect(http.headers['strict-transport-security']).toBeUndefined();
  });
});
