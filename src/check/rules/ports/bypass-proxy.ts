import { defineRule } from '../../define-rule.js';
import { isLoopback, parsePorts } from '../../model/ports.js';
import { proxyRoutesOf } from '../../model/proxy-routes.js';
import type { ServiceModel } from '../../model/compose-model.js';

export const portsBypassProxy = defineRule({
  id: 'ports/bypass-proxy',
  severity: 'warning',
  description: 'Disallow publishing a port of a service that the reverse proxy already serves',
  messages: {
    bypass:
      '{{service}} is served by the proxy {{proxy}} but also publishes port {{port}} on a public interface, which skips TLS and authentication',
  },
  check(context) {
    const { compose, project } = context;
    // Which services the proxy serves: an aistack project's routes; else the routes of the proxy
    // config the project ships (nginx, Caddy, Traefik file or labels); with no config to read,
    // every service next to a proxy image counts as served.
    let proxies: ServiceModel[];
    let routed: ReadonlySet<string> | undefined;
    if (project) {
      proxies = compose.services.filter((service) => service.name === project.proxyService);
      routed = new Set(project.routes.map((route) => route.service));
    } else {
      const known = proxyRoutesOf(context);
      proxies = [...known.proxyServices];
      routed = known.routes.length > 0 ? known.routedServices : undefined;
    }
    const proxy = proxies[0];
    if (!proxy) return;
    const isProxy = new Set(proxies.map((service) => service.name));
    for (const service of compose.services) {
      if (isProxy.has(service.name)) continue;
      if (routed && !routed.has(service.name)) continue;
      for (const port of parsePorts(service)) {
        if (port.hostFrom === undefined || isLoopback(port.hostIp)) continue;
        context.report({
          messageId: 'bypass',
          data: { service: service.name, proxy: proxy.name, port: port.hostFrom },
          range: compose.rangeOf(port.path),
        });
      }
    }
  },
});
