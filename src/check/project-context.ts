import type { Stack } from '../stack/types.js';
import type { ProjectContext } from './types.js';

/** What `check` knows about an aistack project beyond its compose file: proxy routes and the port plan. */
export function createProjectContext(stack: Stack): ProjectContext {
  return {
    domain: stack.domain,
    proxyService: 'proxy',
    ...(stack.services.some((service) => service.id === 'docker-socket-proxy') ? { socketProxyService: 'docker-socket-proxy' } : {}),
    routes: stack.services.flatMap((service) =>
      service.route ? [{ service: service.id, host: service.route.host, path: service.route.path, url: service.route.url }] : [],
    ),
    portPlan: stack.portPlan.map((range) => ({ from: range.from, to: range.to })),
  };
}
