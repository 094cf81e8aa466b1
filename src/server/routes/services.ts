import type { FastifyPluginAsync } from 'fastify';
import { ServerError } from '../../errors.js';
import { summarizeState } from '../service-state.js';
import { downsampleSeries, SERIES_RANGES } from '../series-range.js';
import type { SeriesRange } from '../series-range.js';
import { errorResponses } from '../schemas.js';
import type { EngineRoutesOptions } from './overview.js';

const RECENT_LOG_LINES = 100;
const seriesArray = { type: 'array', items: { $ref: 'seriesPoint#' } } as const;

/**
 * GET /api/services/:id — a stack service (or one monitor, by its id): state, its monitors,
 * latency/CPU/memory series over ?range=1h|24h|7d, container info and recent logs.
 */
export const servicesRoutes: FastifyPluginAsync<EngineRoutesOptions> = async (app, { engine, now }) => {
  app.get<{ Params: { id: string }; Querystring: { range: SeriesRange } }>(
    '/api/services/:id',
    {
      schema: {
        params: {
          type: 'object',
          additionalProperties: false,
          required: ['id'],
          properties: { id: { type: 'string', minLength: 1, maxLength: 200 } },
        },
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { range: { type: 'string', enum: Object.keys(SERIES_RANGES), default: '1h' } },
        },
        response: {
          200: {
            type: 'object',
            additionalProperties: false,
            required: ['id', 'state', 'range', 'from', 'to', 'monitors', 'containers', 'series', 'logs'],
            properties: {
              id: { type: 'string' },
              state: { type: 'string' },
              range: { type: 'string' },
              from: { type: 'number' },
              to: { type: 'number' },
              monitors: { type: 'array', items: { $ref: 'monitorStatus#' } },
              containers: { type: 'array', items: { $ref: 'container#' } },
              series: {
                type: 'object',
                additionalProperties: false,
                required: ['latency', 'cpu', 'memory'],
                properties: { latency: seriesArray, cpu: seriesArray, memory: seriesArray },
              },
              logs: { type: 'array', items: { $ref: 'logLine#' } },
            },
          },
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const { id } = request.params;
      const { range } = request.query;
      const single = engine.getStatus(id);
      const monitors = single ? [single] : engine.listStatuses().filter((status) => status.service === id);
      const service = single?.service ?? id;
      const containers = engine.containers().filter((container) => container.service === service);
      if (monitors.length === 0 && containers.length === 0) {
        throw new ServerError('AIS_SERVER_NOT_FOUND', { service: id, hint: 'pick one from /api/overview' });
      }
      const to = now();
      const from = to - SERIES_RANGES[range];
      const series = (key: string | undefined, metric: 'latency' | 'cpu' | 'memory') =>
        key === undefined ? [] : downsampleSeries(engine.series(key, metric, from, to), from, to);
      // The latency chart follows the service's main check: its HTTP probe, else its first one.
      const latencyMonitor = (monitors.find((status) => status.type === 'http') ?? monitors[0])?.id;
      const logs = containers.length > 0 ? await engine.queryLogs({ services: [service], limit: RECENT_LOG_LINES }) : [];
      return {
        id,
        state: summarizeState(monitors),
        range,
        from,
        to,
        monitors,
        containers,
        series: { latency: series(latencyMonitor, 'latency'), cpu: series(service, 'cpu'), memory: series(service, 'memory') },
        logs,
      };
    },
  );
};
