import { StackError } from '../../errors.js';
import { planPorts } from '../port-plan.js';
import type { PortRequest } from '../port-plan.js';
import { withLocation } from './context.js';
import type { ResolveContext } from './context.js';

/** The loopback port of each service that asks for one (`directPort`), by service id; throws on conflicts. */
export function resolveDirectPorts({ manifest, byId, custom, locate }: ResolveContext, enabled: ReadonlySet<string>): Map<string, number> {
  const requests: PortRequest[] = [];
  const paths = new Map<string, readonly string[]>();
  for (const id of [...enabled].sort()) {
    const directPort = manifest.services[id]?.directPort;
    const entry = byId.get(id);
    if (!entry || directPort === undefined || directPort === false) continue;
    requests.push({ service: id, category: entry.category, port: typeof directPort === 'number' ? directPort : undefined });
    paths.set(id, ['services', id, 'directPort']);
  }
  for (const id of Object.keys(custom).sort()) {
    const directPort = custom[id]?.directPort;
    if (directPort === undefined || directPort === false) continue;
    if (custom[id]?.port === undefined) {
      throw new StackError('AIS_STACK_NO_PORT', {
        id,
        hint: `add custom.${id}.port`,
        ...withLocation(locate(['custom', id, 'directPort'])),
      });
    }
    requests.push({ service: id, category: 'custom', port: typeof directPort === 'number' ? directPort : undefined });
    paths.set(id, ['custom', id, 'directPort']);
  }
  const httpPort = manifest.proxy?.httpPort ?? 80;
  const httpsPort = manifest.proxy?.httpsPort ?? 443;
  if (httpPort === httpsPort) {
    throw new StackError('AIS_STACK_PORT_CONFLICT', {
      proxyPort: httpPort,
      hint: 'give HTTP and HTTPS different ports (80 and 443 by default)',
      ...withLocation(locate(['proxy', 'httpsPort'])),
    });
  }
  const reserved = new Map<number, string>([
    [httpPort, 'the proxy (HTTP)'],
    [httpsPort, 'the proxy (HTTPS)'],
  ]);
  const { assignments, conflicts } = planPorts(requests, reserved);
  const conflict = conflicts[0];
  if (conflict) {
    throw new StackError('AIS_STACK_PORT_CONFLICT', {
      port: conflict.port,
      service: conflict.service,
      takenBy: conflict.takenBy,
      hint: 'pick another port, or use `directPort: true` to take one from the port plan (docs/ports in STACK.md)',
      ...withLocation(locate(paths.get(conflict.service) ?? [])),
    });
  }
  return new Map(assignments.map((assignment) => [assignment.service, assignment.port]));
}
