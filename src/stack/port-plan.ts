import type { PortPlanRange } from './types.js';

/**
 * The written port plan. Only the proxy publishes on all interfaces (80/443 by default).
 * Direct ports, when a user asks for one, are published on 127.0.0.1 only and come from the
 * range of the service's kind, in service-id order, so they are stable and never collide.
 */
export const PORT_PLAN: readonly PortPlanRange[] = [
  { category: 'proxy', from: 80, to: 443, description: 'the reverse proxy: HTTP (redirects) and HTTPS, all interfaces' },
  {
    category: 'ui',
    from: 18000,
    to: 18099,
    description: 'web UIs and apps (Open WebUI, n8n, Flowise, Dify, Supabase, Adminer), loopback only',
  },
  { category: 'llm', from: 18100, to: 18199, description: 'LLM APIs (Ollama, LiteLLM), loopback only' },
  { category: 'vector', from: 18200, to: 18299, description: 'vector stores and memory (Qdrant, OpenMemory), loopback only' },
  { category: 'data', from: 18300, to: 18399, description: 'databases and caches (PostgreSQL, Redis), loopback only' },
  { category: 'infrastructure', from: 18400, to: 18499, description: "aistack's own services (monitor), loopback only" },
  { category: 'custom', from: 18500, to: 18599, description: 'custom services, loopback only' },
];

const CATEGORY_TO_PLAN: Readonly<Record<string, string>> = {
  ui: 'ui',
  automation: 'ui',
  platform: 'ui',
  admin: 'ui',
  llm: 'llm',
  vector: 'vector',
  memory: 'vector',
  database: 'data',
  cache: 'data',
  infrastructure: 'infrastructure',
  custom: 'custom',
};

export function findPlanRange(serviceCategory: string): PortPlanRange {
  const planCategory = CATEGORY_TO_PLAN[serviceCategory] ?? 'custom';
  const range = PORT_PLAN.find((candidate) => candidate.category === planCategory);
  if (!range) throw new Error(`port plan has no range "${planCategory}"`);
  return range;
}

export interface PortRequest {
  readonly service: string;
  readonly category: string;
  /** A specific port, or undefined to take the next free one of the range. */
  readonly port: number | undefined;
}

export interface PortAssignment {
  readonly service: string;
  readonly port: number;
}

export interface PortConflict {
  readonly service: string;
  readonly port: number;
  readonly takenBy: string;
}

/**
 * Assign loopback ports: explicit requests first (they may collide: reported), then the rest
 * from their ranges in the order given (callers pass services sorted by id).
 */
export function planPorts(
  requests: readonly PortRequest[],
  reserved: ReadonlyMap<number, string>,
): { readonly assignments: readonly PortAssignment[]; readonly conflicts: readonly PortConflict[] } {
  const taken = new Map(reserved);
  const assignments: PortAssignment[] = [];
  const conflicts: PortConflict[] = [];
  for (const request of requests) {
    if (request.port === undefined) continue;
    const owner = taken.get(request.port);
    if (owner !== undefined) {
      conflicts.push({ service: request.service, port: request.port, takenBy: owner });
      continue;
    }
    taken.set(request.port, request.service);
    assignments.push({ service: request.service, port: request.port });
  }
  for (const request of requests) {
    if (request.port !== undefined) continue;
    const range = findPlanRange(request.category);
    let port = range.from;
    while (taken.has(port) && port <= range.to) port += 1;
    if (port > range.to) {
      conflicts.push({ service: request.service, port: range.to, takenBy: `the whole ${range.category} range` });
      continue;
    }
    taken.set(port, request.service);
    assignments.push({ service: request.service, port });
  }
  return { assignments: assignments.sort((a, b) => a.service.localeCompare(b.service)), conflicts };
}
