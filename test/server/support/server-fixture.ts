import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { loadAdminCredentials } from '../../../src/server/auth/admin-credentials.js';
import { createLoginThrottle } from '../../../src/server/auth/login-throttle.js';
import type { LoginThrottleOptions } from '../../../src/server/auth/login-throttle.js';
import type { SessionStore } from '../../../src/server/auth/session-store.js';
import { createServer } from '../../../src/server/create-server.js';
import type { ServerInput } from '../../../src/server/create-server.js';
import { createInMemoryEngine } from './in-memory-engine.js';
import type { InMemoryEngine } from './in-memory-engine.js';

export const PASSWORD = 'correct horse battery staple 7f3a';
/** The viewer login's password (every fixture has one; user `viewer`). */
export const VIEWER_PASSWORD = 'viewer only reads 2c9d';
export const METRICS_TOKEN = 'metrics-token-5b0c9e2d41';
export const HOST = 'monitor.test';

export interface Fixture {
  readonly app: FastifyInstance;
  readonly engine: InMemoryEngine;
  readonly directory: string;
  close(): Promise<void>;
}

/** A server on an in-memory engine, with a real password file and bcrypt (cost 4 to stay fast). */
export async function createFixture(
  options: {
    throttle?: LoginThrottleOptions;
    engine?: InMemoryEngine;
    /** bcrypt cost of the admin password. @default 4 */
    cost?: number;
    beforeReady?: (app: FastifyInstance) => void;
    server?: Partial<ServerInput>;
    sessions?: SessionStore;
  } = {},
): Promise<Fixture> {
  const directory = await mkdtemp(path.join(os.tmpdir(), 'aistack-server-'));
  const passwordFile = path.join(directory, 'monitor-admin-password');
  await writeFile(passwordFile, `${PASSWORD}\n`, { mode: 0o600 });
  const engine = options.engine ?? createInMemoryEngine();
  const admin = await loadAdminCredentials({ passwordFile, cost: options.cost ?? 4 });
  const viewerFile = path.join(directory, 'monitor-viewer-password');
  await writeFile(viewerFile, `${VIEWER_PASSWORD}\n`, { mode: 0o600 });
  const viewer = await loadAdminCredentials({ user: 'viewer', passwordFile: viewerFile, cost: 4 });
  const app = createServer({
    engine,
    auth: {
      admin,
      viewer,
      metricsToken: METRICS_TOKEN,
      throttle: createLoginThrottle(options.throttle ?? {}),
      ...(options.sessions ? { sessions: options.sessions } : {}),
    },
    ...options.server,
  });
  options.beforeReady?.(app);
  await app.ready();
  return {
    app,
    engine,
    directory,
    async close() {
      await app.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}

export interface LoggedIn {
  readonly cookie: string;
  readonly csrfToken: string;
}

/** Log in through the real route; returns the Cookie header value and the CSRF token. */
export async function logIn(
  app: FastifyInstance,
  user = 'admin',
  password = user === 'viewer' ? VIEWER_PASSWORD : PASSWORD,
): Promise<LoggedIn> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/login',
    headers: { host: HOST, origin: `https://${HOST}` },
    payload: { user, password },
  });
  if (response.statusCode !== 200) throw new Error(`login failed: ${response.statusCode} ${response.body}`);
  const cookie = response.cookies[0];
  if (!cookie) throw new Error('no session cookie');
  return { cookie: `${cookie.name}=${cookie.value}`, csrfToken: response.json<{ csrfToken: string }>().csrfToken };
}
