import { defineRule } from '../../define-rule.js';
import { parsePorts } from '../../model/ports.js';

export const docsServicePort = defineRule({
  id: 'docs/service-port',
  severity: 'warning',
  description: 'Disallow documentation that gives a service a port it does not have',
  messages: {
    wrong: 'the docs give {{service}} port {{port}}, but {{service}} has {{ports}}',
  },
  check(context) {
    const services = new Map(context.compose.services.map((service) => [service.name, service]));
    // Every port some service has: a port nobody has is docs/unknown-port's finding, not this rule's.
    const anyPort = new Set<number>();
    for (const service of context.compose.services) {
      for (const entry of parsePorts(service)) {
        anyPort.add(entry.containerFrom);
        if (entry.hostFrom !== undefined) anyPort.add(entry.hostFrom);
      }
      const exposed = service.value.expose;
      if (Array.isArray(exposed)) for (const item of exposed) anyPort.add(Number(String(item).split('/')[0]));
    }
    for (const mention of context.docs.mentions) {
      if (mention.kind !== 'servicePort' || mention.service === undefined) continue;
      const service = services.get(mention.service);
      if (!service) continue; // an unknown service is docs/unknown-service's finding
      const port = Number(mention.value);
      if (mention.side !== 'container' && !anyPort.has(port)) continue;
      const published = parsePorts(service);
      const inRange = (from: number | undefined, to: number | undefined): boolean =>
        from !== undefined && port >= from && port <= (to ?? from);
      const host = published.some((entry) => inRange(entry.hostFrom, entry.hostTo));
      const exposed = service.value.expose;
      const container =
        published.some((entry) => inRange(entry.containerFrom, entry.containerTo)) ||
        (Array.isArray(exposed) && exposed.some((item) => Number(String(item).split('/')[0]) === port));
      const matches =
        mention.side === 'host' ? host : mention.side === 'container' ? container || published.length === 0 : host || container;
      // A service with no ports and no expose says nothing about its container port: not judged.
      if (matches || (published.length === 0 && !Array.isArray(exposed))) continue;
      const known = [
        ...published.map((entry) => (entry.hostFrom === undefined ? `${entry.containerFrom}` : `${entry.hostFrom}:${entry.containerFrom}`)),
        ...(Array.isArray(exposed) ? exposed.map((item) => `expose ${String(item)}`) : []),
      ];
      context.report({
        messageId: 'wrong',
        data: { service: mention.service, port, ports: known.length === 0 ? 'no published port' : known.join(', ') },
        file: mention.file,
        range: mention.range,
      });
    }
  },
});
