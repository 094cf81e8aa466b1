import type { RuleContext } from '../types.js';
import { parsePorts } from './ports.js';

/** Host ports something in the project publishes (ranges expanded, capped at 1,000 per entry). */
export function publishedHostPorts(context: Pick<RuleContext, 'compose'>): Set<number> {
  const ports = new Set<number>();
  for (const port of context.compose.services.flatMap(parsePorts)) {
    if (port.hostFrom === undefined) continue;
    for (let value = port.hostFrom; value <= Math.min(port.hostTo!, port.hostFrom + 1000); value += 1) ports.add(value);
  }
  // Ports the project itself uses on loopback (health checks, commands): `127.0.0.1:8081` inside a container.
  for (const match of context.compose.texts.join('\n').matchAll(/\b(?:localhost|127\.0\.0\.1):(\d{1,5})\b/g)) ports.add(Number(match[1]));
  return ports;
}
