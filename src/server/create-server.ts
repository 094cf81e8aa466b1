import fastifyCookie from '@fastify/cookie';
import Fastify from 'fastify';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MonitorEngine } from '../monitor/types.js';
import type { AdminCredentials } from './auth/admin-credentials.js';
import type { TrustProxy } from './console-socket.js';
import type { AuthContext } from './auth/auth-context.js';
import { createLoginThrottle } from './auth/login-throttle.js';
import type { LoginThrottle } from './auth/login-throttle.js';
import { requireSession } from './auth/require-session.js';
import { createSessionCookie } from './auth/session-cookie.js';
import { createSessionStore } from './auth/session-store.js';
import type { SessionStore } from './auth/session-store.js';
import { errorBodySchema, installErrorHandlers } from './error-status.js';
import type { EventStream } from './event-stream.js';
import './fastify-types.js';
import { alertsRoutes } from './routes/alerts.js';
import { eventsRoutes } from './routes/events.js';
import { gpusRoutes } from './routes/gpus.js';
import { livenessRoutes } from './routes/liveness.js';
import { loginRoutes } from './routes/login.js';
import { logsRoutes } from './routes/logs.js';
import { metricsRoutes } from './routes/metrics.js';
import { modelsRoutes } from './routes/models.js';
import { notificationsRoutes } from './routes/notifications.js';
import { overviewRoutes } from './routes/overview.js';
import type { EngineRoutesOptions } from './routes/overview.js';
import { dashboardPages, publicPages } from './routes/pages.js';
import { resourcesRoutes } from './routes/resources.js';
import { rulesRoutes } from './routes/rules.js';
import { servicesRoutes } from './routes/services.js';
import { sessionRoutes } from './routes/session.js';
import { consoleRoutes } from './routes/console/index.js';
import type { ConsoleService } from './console/console-service.js';
import type { ModelsSource } from '../models/models-source.js';
import { sharedSchemas } from './schemas.js';
import { installSecurityHeaders } from './security-headers.js';

export interface ServerAuthInput {
  readonly admin: AdminCredentials;
  /** The read-only viewer login (monitoring pages only); without one, only the admin can log in. */
  readonly viewer?: AdminCredentials;
  /** Bearer token for /metrics. Without one, /metrics refuses every request. */
  readonly metricsToken: string | undefined;
  readonly sessions?: SessionStore;
  readonly throttle?: LoginThrottle;
}

export interface ServerInput {
  readonly engine: MonitorEngine;
  readonly auth: ServerAuthInput;
  /** The dashboard's files. @default the package's web/ directory */
  readonly webRoot?: string;
  /** Mark the session cookie Secure (and name it `__Host-…`). @default true */
  readonly secureCookies?: boolean;
  /** Session lifetime. @default 7 days */
  readonly sessionMaxAgeMs?: number;
  /** Addresses of a reverse proxy whose X-Forwarded-For is believed (fastify `trustProxy`). @default false */
  readonly trustProxy?: boolean | string | string[] | TrustProxy;
  /** @default false */
  readonly logger?: FastifyServerOptions['logger'];
  readonly now?: () => number;
  /**
   * The configuration console (src/server/routes/console): only `aistack serve` on the host passes
   * one; the in-stack monitor never does, and its dashboard says where the console is.
   */
  readonly console?: ConsoleService;
  /** The console route's URL (`console.route`), which the in-stack monitor's dashboard links to. */
  readonly consoleUrl?: string;
  /** The declared models' states for `/api/models`: only `aistack serve` on the host passes one. */
  readonly models?: ModelsSource;
}

export const DEFAULT_WEB_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web');

/**
 * The monitor's HTTP server: the API, the dashboard, /metrics and /livez. Two scopes hold the
 * routes: a public one (liveness, login page and its assets, POST /api/login) and a protected one
 * whose auth hook every other route inherits, so a new route cannot skip it.
 */
export function createServer(input: ServerInput): FastifyInstance {
  const now = input.now ?? Date.now;
  const sessionMaxAgeMs = input.sessionMaxAgeMs ?? 7 * 86_400_000;
  const auth: AuthContext = {
    admin: input.auth.admin,
    ...(input.auth.viewer ? { viewer: input.auth.viewer } : {}),
    sessions: input.auth.sessions ?? createSessionStore({ maxAgeMs: sessionMaxAgeMs, now }),
    throttle: input.auth.throttle ?? createLoginThrottle({ now }),
    cookie: createSessionCookie(input.secureCookies ?? true, Math.floor(sessionMaxAgeMs / 1000)),
    metricsToken: input.auth.metricsToken,
  };
  const webRoot = input.webRoot ?? DEFAULT_WEB_ROOT;
  const streams = new Set<EventStream>();
  const engineOptions: EngineRoutesOptions = { engine: input.engine, now, streams };

  const app = Fastify({
    logger: input.logger ?? false,
    trustProxy: input.trustProxy ?? false,
    bodyLimit: 64 * 1024,
    forceCloseConnections: true,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true } },
  });
  app.decorateRequest('session', null);
  app.addSchema(errorBodySchema);
  for (const schema of sharedSchemas) app.addSchema(schema);
  installErrorHandlers(app);
  installSecurityHeaders(app);
  app.addHook('preClose', async () => {
    for (const stream of [...streams]) stream.close();
  });

  void app.register(fastifyCookie);

  // Public scope: nothing here may read monitor data.
  void app.register(async (publicScope) => {
    await publicScope.register(livenessRoutes);
    await publicScope.register(publicPages, { webRoot });
    await publicScope.register(loginRoutes, { auth, ...(input.console ? { onLogin: loginAudit(input.console) } : {}) });
  });

  // Bearer scope: Prometheus scrapes.
  void app.register(metricsRoutes, { ...engineOptions, token: auth.metricsToken });

  // Protected scope: the session hook is added before any route, and every plugin below inherits it.
  void app.register(async (protectedScope) => {
    requireSession(protectedScope, auth.sessions, auth.cookie);
    await protectedScope.register(sessionRoutes, {
      auth,
      console: input.console !== undefined,
      ...(input.consoleUrl !== undefined ? { consoleUrl: input.consoleUrl } : {}),
    });
    await protectedScope.register(dashboardPages, { webRoot, console: input.console !== undefined });
    if (input.console) await protectedScope.register(consoleRoutes, { service: input.console, streams });
    await protectedScope.register(overviewRoutes, engineOptions);
    await protectedScope.register(servicesRoutes, engineOptions);
    await protectedScope.register(resourcesRoutes, engineOptions);
    await protectedScope.register(logsRoutes, engineOptions);
    await protectedScope.register(alertsRoutes, engineOptions);
    await protectedScope.register(rulesRoutes, engineOptions);
    await protectedScope.register(notificationsRoutes, engineOptions);
    await protectedScope.register(eventsRoutes, engineOptions);
    await protectedScope.register(modelsRoutes, { source: input.models, now });
    await protectedScope.register(gpusRoutes, engineOptions);
  });

  return app;
}

/** Logins, failed ones too, go to the console's audit log. */
function loginAudit(service: ConsoleService): (user: string, address: string, ok: boolean) => void {
  return (user, address, ok) =>
    service.record({ user, address }, ok ? 'login' : 'login-failed', ok ? 'logged in' : 'wrong user name or password');
}
