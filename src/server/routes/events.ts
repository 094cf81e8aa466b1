import type { FastifyPluginAsync } from 'fastify';
import type { Alert, CheckResult, ContainerResources, MonitorEvent, MonitorStatus } from '../../monitor/types.js';
import { openEventStream } from '../event-stream.js';
import { eventStreamResponse } from '../schemas.js';
import type { EngineRoutesOptions } from './overview.js';

/**
 * GET /api/events: live updates for the dashboard over SSE (check results, state changes,
 * alerts, resource samples). Log lines have their own stream (/api/logs/stream).
 */
export const eventsRoutes: FastifyPluginAsync<EngineRoutesOptions> = async (app, { engine, streams }) => {
  app.get(
    '/api/events',
    {
      schema: { querystring: { type: 'object', additionalProperties: false, properties: {} }, response: eventStreamResponse },
      exposeHeadRoute: false,
    },
    async (request, reply) => {
      const stream = openEventStream(request, reply, { registry: streams });
      const unsubscribe = engine.subscribe((event: MonitorEvent) => {
        const payload = pickEventPayload(event);
        if (payload !== undefined) stream.send(event.type, payload);
      });
      stream.onClose(unsubscribe);
    },
  );
};

/** Copy only the documented fields of each event, as the response schemas do for JSON answers. */
export function pickEventPayload(event: MonitorEvent): unknown {
  switch (event.type) {
    case 'check': {
      const check = event.payload as CheckResult;
      return {
        monitorId: check.monitorId,
        at: check.at,
        ok: check.ok,
        degraded: check.degraded,
        latencyMs: check.latencyMs,
        message: check.message,
      };
    }
    case 'state': {
      const status = event.payload as MonitorStatus;
      return {
        id: status.id,
        name: status.name,
        service: status.service,
        type: status.type,
        state: status.state,
        since: status.since,
        uptime24h: status.uptime24h,
        recentLatencies: status.recentLatencies.slice(-30),
        lastCheck: status.lastCheck ? pickEventPayload({ type: 'check', payload: status.lastCheck }) : undefined,
      };
    }
    case 'alert': {
      const alert = event.payload as Alert;
      return {
        id: alert.id,
        ruleId: alert.ruleId,
        key: alert.key,
        service: alert.service,
        severity: alert.severity,
        state: alert.state,
        summary: alert.summary,
        startedAt: alert.startedAt,
        resolvedAt: alert.resolvedAt,
      };
    }
    case 'resources': {
      const container = event.payload as ContainerResources;
      return {
        service: container.service,
        containerName: container.containerName,
        at: container.at,
        state: container.state,
        health: container.health,
        cpuPercent: container.cpuPercent,
        memoryBytes: container.memoryBytes,
        memoryLimitBytes: container.memoryLimitBytes,
        restarts: container.restarts,
        oomKilled: container.oomKilled,
      };
    }
    default:
      return undefined;
  }
}
