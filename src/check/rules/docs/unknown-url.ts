import { defineRule } from '../../define-rule.js';
import { publishedHostPorts } from '../../model/doc-targets.js';
import { routeServesHost, routeServesPath } from '../../model/proxy-route.js';
import { proxyRoutesOf } from '../../model/proxy-routes.js';

const LOCAL = new Set(['localhost', '127.0.0.1', '0.0.0.0', '[::1]']);

export const docsUnknownUrl = defineRule({
  id: 'docs/unknown-url',
  severity: 'warning',
  description: 'Disallow documentation URLs that point at ports, hosts or paths the stack does not serve',
  messages: {
    port: 'the docs link {{url}}, but no service publishes port {{port}}',
    route: 'the docs link {{url}}, but the proxy serves no route for {{host}}{{path}}',
    proxyRoute: 'the docs link {{url}}, but {{config}} serves {{host}} on no route for {{path}}',
  },
  check(context) {
    const ports = publishedHostPorts(context);
    const { project } = context;
    // A foreign project: the routes of the proxy config it ships. A URL is judged when its host is
    // one the config names (server_name, site address, Host rule); other hosts are not the stack's.
    const shipped = project ? [] : proxyRoutesOf(context).routes;
    const named = shipped.filter((route) => route.hosts.length > 0);
    for (const mention of context.docs.mentions) {
      if (mention.kind !== 'url' || !mention.url) continue;
      const { host, port, path } = mention.url;
      if (LOCAL.has(host)) {
        const effective = port ?? (mention.value.startsWith('https:') ? 443 : 80);
        if (!ports.has(effective))
          context.report({ messageId: 'port', data: { url: mention.value, port: effective }, file: mention.file, range: mention.range });
        continue;
      }
      if (!project) {
        const forHost = named.filter((route) => routeServesHost(route, host));
        if (forHost.length === 0) continue;
        // nginx and Caddy pick the server (site) that names the host; Traefik also tries its
        // routers without a Host rule.
        const serving = [...forHost, ...shipped.filter((route) => route.proxy === 'traefik' && route.hosts.length === 0)];
        if (serving.some((route) => routeServesPath(route, path))) continue;
        context.report({
          messageId: 'proxyRoute',
          data: { url: mention.value, config: forHost[0]!.file, host, path },
          file: mention.file,
          range: mention.range,
        });
        continue;
      }
      if (project.domain === '' || !(host === project.domain || host.endsWith(`.${project.domain}`))) continue;
      const served = project.routes.some(
        (route) => route.host === host && (path === route.path.replace(/\/$/, '') || path.startsWith(route.path)),
      );
      if (!served)
        context.report({ messageId: 'route', data: { url: mention.value, host, path }, file: mention.file, range: mention.range });
    }
  },
});
