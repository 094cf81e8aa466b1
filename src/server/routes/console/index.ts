import type { FastifyPluginAsync } from 'fastify';
import { ServerError } from '../../../errors.js';
import { ConflictError } from '../../console/console-service.js';
import type { ConsoleService } from '../../console/console-service.js';
import { describeError } from '../../error-status.js';
import type { EventStream } from '../../event-stream.js';
import { consoleApplyRoutes } from './apply.js';
import { consoleAuditRoutes } from './audit.js';
import { consoleHistoryRoutes } from './history.js';
import { consoleManifestRoutes } from './manifest.js';
import { consoleSecretsRoutes } from './secrets.js';

const REFUSALS_TO_AUDIT = new Set(['AIS_SERVER_CSRF', 'AIS_SERVER_BAD_REQUEST', 'AIS_SERVER_FORBIDDEN']);

export interface ConsoleOptions {
  readonly service: ConsoleService;
  readonly streams: Set<EventStream>;
}

/**
 * The configuration console's API. Registered only by `aistack serve` on the host, inside the
 * protected scope (session, and CSRF token plus same origin for every state-changing request);
 * here each request also needs the admin role. Nothing here reads a file other than aistack.yaml
 * and aistack's own state, runs SQL from a request, or execs.
 */
export const consoleRoutes: FastifyPluginAsync<ConsoleOptions> = async (app, { service, streams }) => {
  // Every console route is admin-only (the session hook refuses a viewer with 403); the check
  // here as well, so a route added without that config is still refused.
  app.addHook('onRoute', (route) => {
    route.config = { ...(route.config ?? {}), adminOnly: true };
  });
  app.addHook('onRequest', async (request) => {
    if (request.session?.role !== 'admin') {
      throw new ServerError('AIS_SERVER_FORBIDDEN', { asked: 'console', hint: 'log in as the admin user' });
    }
  });
  app.setErrorHandler((error, request, reply) => {
    if (error instanceof ConflictError) {
      return reply.code(409).send({
        code: error.code,
        message: error.message,
        ...(error.hint === undefined ? {} : { hint: error.hint }),
        diff: error.diff,
        version: error.version,
      });
    }
    const { status, body } = describeError(error);
    if (status >= 500) request.log.error({ err: error }, 'console request failed');
    // Refusals before the console's own checks (the service audits those itself, in more detail).
    if (request.session && REFUSALS_TO_AUDIT.has(body.code) && request.method !== 'GET') {
      service.record(
        { user: request.session?.user ?? '', address: request.ip },
        'refused',
        `${request.method} ${request.routeOptions.url ?? ''}: ${body.code} ${body.message}`.slice(0, 500),
      );
    }
    return reply.code(status).send(body);
  });
  await app.register(consoleManifestRoutes, { service });
  await app.register(consoleApplyRoutes, { service, streams });
  await app.register(consoleHistoryRoutes, { service });
  await app.register(consoleAuditRoutes, { service });
  await app.register(consoleSecretsRoutes, { service });
};
