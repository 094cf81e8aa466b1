import type { FastifyPluginAsync } from 'fastify';
import { ServerError } from '../../errors.js';
import { hasBearerToken } from '../auth/bearer-token.js';
import { errorResponses } from '../schemas.js';
import type { EngineRoutesOptions } from './overview.js';

export interface MetricsRoutesOptions extends EngineRoutesOptions {
  /** undefined: every scrape is refused. */
  readonly token: string | undefined;
}

/** GET /metrics: Prometheus text exposition, for a scraper holding the bearer token. */
export const metricsRoutes: FastifyPluginAsync<MetricsRoutesOptions> = async (app, { engine, token }) => {
  // A hook on this plugin's scope, so every route added here needs the token.
  app.addHook('onRequest', async (request, reply) => {
    if (token === undefined || !hasBearerToken(request.headers.authorization, token)) {
      void reply.header('www-authenticate', 'Bearer realm="aistack"');
      throw new ServerError('AIS_SERVER_BAD_TOKEN', {
        hint: "send `Authorization: Bearer <token>` with the monitor's metrics token",
      });
    }
  });
  app.get('/metrics', { schema: { response: { 200: { type: 'string' }, ...errorResponses } } }, async (_request, reply) => {
    void reply.header('content-type', 'text/plain; version=0.0.4; charset=utf-8');
    return engine.metrics();
  });
};
