import { orderByDependencies } from '../stack/dependency-graph.js';
import type { SecretRead, Stack, StackSecret } from '../stack/types.js';

/** One service a rotation must bring to the new value, and how. */
export interface RotationConsumer {
  readonly service: string;
  readonly reads: SecretRead;
  readonly owner: boolean;
}

/** The consumers of a secret and of the files made from it; one that reads any of them at start is restarted. */
export function collectRotationConsumers(secrets: readonly StackSecret[]): RotationConsumer[] {
  const byService = new Map<string, RotationConsumer>();
  for (const consumer of secrets.flatMap((secret) => secret.consumers)) {
    const known = byService.get(consumer.service);
    const reads = known?.reads === 'at-start' || consumer.reads === 'at-start' ? 'at-start' : consumer.reads;
    byService.set(consumer.service, { service: consumer.service, reads, owner: consumer.owner || (known?.owner ?? false) });
  }
  return [...byService.values()].sort((a, b) => a.service.localeCompare(b.service));
}

/** The consumers that read it at start, in the order to restart them: the owner first, then dependencies before dependents. */
export function orderRotationRestarts(stack: Stack, consumers: readonly RotationConsumer[]): string[] {
  const atStart = new Set(consumers.filter((consumer) => consumer.reads === 'at-start').map((consumer) => consumer.service));
  const edges = new Map(stack.services.map((service) => [service.id, service.dependsOn.map((dependency) => dependency.service)]));
  const order = orderByDependencies(edges).flat();
  const owners = consumers.filter((consumer) => consumer.owner && atStart.has(consumer.service)).map((consumer) => consumer.service);
  const ordered = [...owners, ...order.filter((service) => atStart.has(service) && !owners.includes(service))];
  return [...ordered, ...[...atStart].filter((service) => !ordered.includes(service)).sort()];
}
