import type { FastifyPluginAsync } from 'fastify';
import { errorResponses } from '../schemas.js';
import { downsampleSeries } from '../series-range.js';
import type { EngineRoutesOptions } from './overview.js';

const HOUR_MS = 3_600_000;
const seriesArray = { type: 'array', items: { $ref: 'seriesPoint#' } } as const;

/**
 * GET /api/gpus: each GPU's latest utilisation and VRAM with the last hour's history, and the
 * processes using them by service. `sampled: false` where this monitor does not sample GPUs (the
 * in-stack monitor); an empty `gpus` where it does and the host has none.
 */
export const gpusRoutes: FastifyPluginAsync<EngineRoutesOptions> = async (app, { engine, now }) => {
  app.get(
    '/api/gpus',
    {
      schema: {
        response: {
          200: {
            type: 'object',
            additionalProperties: false,
            required: ['sampled', 'gpus', 'processes'],
            properties: {
              sampled: { type: 'boolean' },
              at: { type: 'number' },
              gpus: {
                type: 'array',
                items: {
                  type: 'object',
                  additionalProperties: false,
                  required: ['index', 'name', 'vendor', 'memoryTotalBytes', 'series'],
                  properties: {
                    index: { type: 'number' },
                    name: { type: 'string' },
                    vendor: { type: 'string' },
                    uuid: { type: 'string' },
                    utilizationPercent: { type: 'number' },
                    memoryUsedBytes: { type: 'number' },
                    memoryTotalBytes: { type: 'number' },
                    temperatureCelsius: { type: 'number' },
                    series: {
                      type: 'object',
                      additionalProperties: false,
                      required: ['utilization', 'memory'],
                      properties: { utilization: seriesArray, memory: seriesArray },
                    },
                  },
                },
              },
              processes: {
                type: 'array',
                items: {
                  type: 'object',
                  additionalProperties: false,
                  required: ['pid', 'gpuUuid', 'usedMemoryBytes'],
                  properties: {
                    pid: { type: 'number' },
                    gpuUuid: { type: 'string' },
                    gpuIndex: { type: 'number' },
                    usedMemoryBytes: { type: 'number' },
                    service: { type: 'string' },
                    containerName: { type: 'string' },
                  },
                },
              },
            },
          },
          ...errorResponses,
        },
      },
    },
    async () => {
      const reading = engine.gpus?.();
      if (!engine.gpus || !reading) return { sampled: engine.gpus !== undefined, gpus: [], processes: [] };
      const to = now();
      const from = to - HOUR_MS;
      const containers = new Map(engine.containers().map((container) => [container.containerId, container]));
      return {
        sampled: true,
        at: reading.at,
        gpus: reading.gpus.map((gpu) => ({
          ...gpu,
          series: {
            utilization: downsampleSeries(engine.series(`gpu:${gpu.index}`, 'cpu', from, to), from, to),
            memory: downsampleSeries(engine.series(`gpu:${gpu.index}`, 'memory', from, to), from, to),
          },
        })),
        processes: reading.processes.map((process) => {
          const container = process.containerId === undefined ? undefined : containers.get(process.containerId);
          return {
            pid: process.pid,
            gpuUuid: process.gpuUuid,
            ...(process.gpuIndex === undefined ? {} : { gpuIndex: process.gpuIndex }),
            usedMemoryBytes: process.usedMemoryBytes,
            ...(container ? { service: container.service, containerName: container.containerName } : {}),
          };
        }),
      };
    },
  );
};
