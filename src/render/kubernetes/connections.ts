import type { StackService } from '../../stack/types.js';

/** One service talking to another on a port. */
export interface Connection {
  readonly from: string;
  readonly to: string;
  readonly port: number;
}

/**
 * Who talks to whom, on which port: each dependency on its main port, and every
 * `scheme://<service>:<port>` in a service's environment (n8n's runners reach the task broker on
 * n8n:5679, not its main port). Compose lets any two services on a network talk; NetworkPolicies
 * and Services need the list. Sorted, without duplicates.
 */
export function findConnections(services: readonly StackService[]): Connection[] {
  const byId = new Map(services.map((service) => [service.id, service]));
  const seen = new Set<string>();
  const connections: Connection[] = [];
  const add = (from: string, to: string, port: number): void => {
    const key = `${from} ${to} ${port}`;
    if (from === to || seen.has(key)) return;
    seen.add(key);
    connections.push({ from, to, port });
  };
  for (const service of services) {
    for (const dependency of service.dependsOn) {
      const other = byId.get(dependency.service);
      if (other?.port !== undefined) add(service.id, other.id, other.port);
    }
    for (const value of Object.values(service.environment)) {
      for (const [, host, port] of value.matchAll(/[a-z][a-z0-9+.-]*:\/\/(?:[^@/\s]*@)?([a-z][a-z0-9-]*):(\d{1,5})/g)) {
        if (host !== undefined && port !== undefined && byId.has(host)) add(service.id, host, Number(port));
      }
    }
  }
  return connections.sort((a, b) =>
    a.to !== b.to ? (a.to < b.to ? -1 : 1) : a.port !== b.port ? a.port - b.port : a.from < b.from ? -1 : a.from > b.from ? 1 : 0,
  );
}

/** The ports other services reach on `service`: its main port first, then the rest ascending. */
export function servedPorts(service: StackService, connections: readonly Connection[]): number[] {
  const ports = new Set<number>(service.port !== undefined ? [service.port] : []);
  for (const connection of connections) if (connection.to === service.id) ports.add(connection.port);
  return [...ports].sort((a, b) => (a === service.port ? -1 : b === service.port ? 1 : a - b));
}
