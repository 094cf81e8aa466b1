import { defineRule } from '../../define-rule.js';
import { hostIpsOverlap, parsePorts } from '../../model/ports.js';

export const portsHostPortInUse = defineRule({
  id: 'ports/host-port-in-use',
  severity: 'error',
  description: 'Disallow publishing a host port that something on this machine already listens on',
  messages: {
    inUse: 'host port {{port}} of {{service}} is already in use on this machine',
    inUseBy: 'host port {{port}} of {{service}} is already in use on this machine by {{owner}}',
  },
  check(context) {
    for (const port of context.compose.services.flatMap(parsePorts)) {
      if (port.hostFrom === undefined) continue;
      const busy = context.facts.portsInUse.find(
        (used) =>
          used.protocol === port.protocol &&
          used.port >= port.hostFrom! &&
          used.port <= port.hostTo! &&
          hostIpsOverlap(used.hostIp, port.hostIp),
      );
      if (!busy) continue;
      const data = { port: busy.port, service: port.service };
      const range = context.compose.rangeOf(port.path);
      if (busy.owner) context.report({ messageId: 'inUseBy', data: { ...data, owner: busy.owner }, range });
      else context.report({ messageId: 'inUse', data, range });
    }
  },
});
