import type { FastifyPluginAsync } from 'fastify';
import { consoleErrors, revisionId, version } from './console-schemas.js';
import type { ConsoleRoutesOptions } from './manifest.js';

const revisionSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'kind', 'createdAt', 'user', 'result', 'summary'],
  properties: {
    id: { type: 'integer' },
    kind: { type: 'string' },
    sourceRevision: { type: ['integer', 'null'] },
    createdAt: { type: 'string' },
    finishedAt: { type: ['string', 'null'] },
    user: { type: 'string' },
    result: { type: 'string' },
    summary: { type: 'string' },
    error: { type: ['string', 'null'] },
  },
} as const;

/** The revisions (who, when, what), a revision's manifest (to preview a restore), and the diff between two. */
export const consoleHistoryRoutes: FastifyPluginAsync<ConsoleRoutesOptions> = async (app, { service }) => {
  app.get<{ Querystring: { limit: number } }>(
    '/api/console/revisions',
    {
      schema: {
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { limit: { type: 'integer', minimum: 1, maximum: 500, default: 50 } },
        },
        response: { 200: { type: 'array', items: revisionSchema }, ...consoleErrors },
      },
    },
    async (request) => service.history(request.query.limit),
  );

  app.get<{ Params: { id: string } }>(
    '/api/console/revisions/:id/manifest',
    {
      schema: {
        params: { type: 'object', additionalProperties: false, required: ['id'], properties: { id: revisionId } },
        response: {
          200: {
            type: 'object',
            additionalProperties: false,
            required: ['text', 'version'],
            properties: { text: { type: 'string' }, version },
          },
          ...consoleErrors,
        },
      },
    },
    async (request) => service.revisionManifest(Number(request.params.id)),
  );

  app.get<{ Params: { from: string; to: string } }>(
    '/api/console/revisions/:from/diff/:to',
    {
      schema: {
        params: {
          type: 'object',
          additionalProperties: false,
          required: ['from', 'to'],
          properties: { from: revisionId, to: revisionId },
        },
        response: {
          200: {
            type: 'object',
            additionalProperties: false,
            required: ['manifest', 'files'],
            properties: {
              manifest: { type: 'string' },
              files: {
                type: 'array',
                items: {
                  type: 'object',
                  additionalProperties: false,
                  required: ['path', 'diff'],
                  properties: { path: { type: 'string' }, diff: { type: 'string' } },
                },
              },
            },
          },
          ...consoleErrors,
        },
      },
    },
    async (request) => service.diffRevisions(Number(request.params.from), Number(request.params.to)),
  );
};
