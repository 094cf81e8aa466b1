import type { FastifyPluginAsync } from 'fastify';
import type { ModelsSource } from '../../models/models-source.js';
import { errorResponses } from '../schemas.js';

const modelSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'displayName', 'apps', 'state'],
  properties: {
    name: { type: 'string' },
    displayName: { type: 'string' },
    apps: { type: 'array', items: { type: 'string' } },
    state: { type: 'string', enum: ['present', 'missing', 'pulling', 'failed'] },
    sizeBytes: { type: 'number' },
    pull: {
      type: 'object',
      additionalProperties: false,
      required: ['phase', 'doneBytes', 'totalBytes', 'rateBytesPerSecond', 'resumes'],
      properties: {
        phase: { type: 'string', enum: ['pulling', 'verifying'] },
        doneBytes: { type: 'number' },
        totalBytes: { type: 'number' },
        rateBytesPerSecond: { type: 'number' },
        etaSeconds: { type: 'number' },
        resumes: { type: 'number' },
      },
    },
    error: {
      type: 'object',
      additionalProperties: false,
      required: ['code', 'message'],
      properties: { code: { type: 'string' }, message: { type: 'string' }, hint: { type: 'string' } },
    },
    lastPullAt: { type: 'string' },
  },
} as const;

/**
 * GET /api/models: each declared model's state (present, missing, pulling with progress, failed
 * with the reason). Only `aistack serve` on the host has a source (it reads `.aistack/models*.json`
 * and asks Ollama); elsewhere the answer says so, with no models.
 */
export const modelsRoutes: FastifyPluginAsync<{ source: ModelsSource | undefined; now: () => number }> = async (app, { source, now }) => {
  app.get(
    '/api/models',
    {
      schema: {
        response: {
          200: {
            type: 'object',
            additionalProperties: false,
            required: ['available', 'at', 'ollama', 'models'],
            properties: {
              available: { type: 'boolean' },
              at: { type: 'number' },
              ollama: {
                type: 'object',
                additionalProperties: false,
                required: ['reachable'],
                properties: { reachable: { type: 'boolean' }, error: { type: 'string' } },
              },
              models: { type: 'array', items: modelSchema },
            },
          },
          ...errorResponses,
        },
      },
    },
    async () =>
      source
        ? { available: true, ...(await source.report()) }
        : {
            available: false,
            at: now(),
            ollama: { reachable: false, error: 'model states are shown by `aistack serve` on the host' },
            models: [],
          },
  );
};
