import type { FastifyPluginAsync } from 'fastify';
import type { MonitorEngine, MonitorState } from '../../monitor/types.js';
import type { EventStream } from '../event-stream.js';
import { errorResponses } from '../schemas.js';

export interface EngineRoutesOptions {
  readonly engine: MonitorEngine;
  readonly now: () => number;
  /** Open SSE streams (ended when the server closes). */
  readonly streams: Set<EventStream>;
}

/** At most this many latencies per monitor go into the overview (the sparkline's width). */
const SPARKLINE_POINTS = 30;

/** GET /api/overview: every monitor's state, the host, counts by state and firing alerts. */
export const overviewRoutes: FastifyPluginAsync<EngineRoutesOptions> = async (app, { engine, now }) => {
  app.get(
    '/api/overview',
    {
      schema: {
        response: {
          200: {
            type: 'object',
            additionalProperties: false,
            required: ['generatedAt', 'counts', 'monitors', 'firingAlerts'],
            properties: {
              generatedAt: { type: 'number' },
              counts: {
                type: 'object',
                additionalProperties: false,
                required: ['up', 'down', 'degraded', 'pending'],
                properties: {
                  up: { type: 'integer' },
                  down: { type: 'integer' },
                  degraded: { type: 'integer' },
                  pending: { type: 'integer' },
                },
              },
              monitors: { type: 'array', items: { $ref: 'monitorStatus#' } },
              host: { $ref: 'host#' },
              firingAlerts: { type: 'integer' },
            },
          },
          ...errorResponses,
        },
      },
    },
    async () => {
      const counts: Record<MonitorState, number> = { up: 0, down: 0, degraded: 0, pending: 0 };
      const monitors = engine.listStatuses().map((status) => {
        counts[status.state] += 1;
        return status.recentLatencies.length > SPARKLINE_POINTS
          ? { ...status, recentLatencies: status.recentLatencies.slice(-SPARKLINE_POINTS) }
          : status;
      });
      return { generatedAt: now(), counts, monitors, host: engine.host(), firingAlerts: engine.alerts('firing').length };
    },
  );
};
