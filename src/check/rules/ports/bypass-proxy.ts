import { defineRule } from '../../define-rule.js';
import { isLoopback, parsePorts } from '../../model/ports.js';
import { imageOf, isProxyImage } from '../../model/service-facts.js';

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
    const proxies = compose.services.filter((service) =>
      project ? service.name === project.proxyService : isProxyImage(imageOf(service)),
    );
    const proxy = proxies[0];
    if (!proxy) return;
    const routed = project ? new Set(project.routes.map((route) => route.service)) : undefined;
    for (const service of compose.services) {
      if (proxies.includes(service)) continue;
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
