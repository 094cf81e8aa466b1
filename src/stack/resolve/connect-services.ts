import { StackError } from '../../errors.js';
import { findCycle } from '../dependency-graph.js';
import type { StackService } from '../types.js';
import { withLocation } from './context.js';
import type { ResolveContext } from './context.js';

/**
 * The decisions that need every service: which condition each dependency waits for, and which
 * services join `edge` so their direct port can publish. Throws on a dependency cycle.
 */
export function connectServices(services: readonly StackService[], { locate }: Pick<ResolveContext, 'locate'>): StackService[] {
  const byId = new Map(services.map((service) => [service.id, service]));
  const connected = services.map((service): StackService => ({
    ...service,
    // A dependency on a job waits for it to finish; on a service without a health check, for it to start.
    dependsOn: service.dependsOn.map((dependency) => {
      const target = byId.get(dependency.service);
      const condition = target?.job ? 'service_completed_successfully' : target?.health ? 'service_healthy' : 'service_started';
      return { ...dependency, condition };
    }),
    // Docker publishes no port of a container that is only on an internal network.
    networks:
      service.hostPorts.length > 0 && !service.networks.includes('edge') ? [...service.networks, 'edge' as const].sort() : service.networks,
  }));
  const cycle = findCycle(new Map(connected.map((service) => [service.id, service.dependsOn.map((dependency) => dependency.service)])));
  if (cycle) {
    const customInCycle = cycle.find((id) => byId.get(id)?.catalogId === undefined) ?? cycle[0] ?? '';
    throw new StackError('AIS_STACK_CYCLE', {
      cycle,
      hint: 'remove one of these dependsOn entries; services cannot wait for each other',
      ...withLocation(locate(['custom', customInCycle, 'dependsOn'])),
    });
  }
  return connected.sort((a, b) => a.id.localeCompare(b.id));
}
