import type { FastifyPluginAsync } from 'fastify';
import type { LogLine } from '../../monitor/types.js';
import { openEventStream } from '../event-stream.js';
import { errorResponses, eventStreamResponse } from '../schemas.js';
import { logQueryProperties, parseLogQuery } from './log-query.js';
import type { LogQueryInput } from './log-query.js';
import type { EngineRoutesOptions } from './overview.js';

/** GET /api/logs (search, on the server) and GET /api/logs/stream (live follow over SSE). */
export const logsRoutes: FastifyPluginAsync<EngineRoutesOptions> = async (app, { engine, streams }) => {
  app.get<{ Querystring: LogQueryInput }>(
    '/api/logs',
    {
      schema: {
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { ...logQueryProperties, limit: { type: 'integer', minimum: 1, maximum: 5000, default: 500 } },
        },
        response: {
          200: {
            type: 'object',
            additionalProperties: false,
            required: ['lines'],
            properties: { lines: { type: 'array', items: { $ref: 'logLine#' } } },
          },
          ...errorResponses,
        },
      },
    },
    async (request) => ({ lines: await engine.queryLogs(parseLogQuery(request.query)) }),
  );

  app.get<{ Querystring: Omit<LogQueryInput, 'since' | 'until' | 'limit'> }>(
    '/api/logs/stream',
    {
      schema: {
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            services: logQueryProperties.services,
            text: logQueryProperties.text,
            regex: logQueryProperties.regex,
            level: logQueryProperties.level,
          },
        },
        response: eventStreamResponse,
      },
      exposeHeadRoute: false,
    },
    async (request, reply) => {
      const query = parseLogQuery(request.query);
      const stream = openEventStream(request, reply, { registry: streams });
      const unsubscribe = engine.followLogs(query, (line: LogLine) => stream.send('log', pickLogLine(line)));
      stream.onClose(unsubscribe);
    },
  );
};

/** Only the fields of the LogLine schema go out on the stream. */
export function pickLogLine(line: LogLine): LogLine {
  return { service: line.service, at: line.at, stream: line.stream, level: line.level, text: line.text };
}
