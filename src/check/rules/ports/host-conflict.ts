import { defineRule } from '../../define-rule.js';
import { hostIpsOverlap, parsePorts } from '../../model/ports.js';
import type { PublishedPort } from '../../model/ports.js';

function describe(port: PublishedPort): string {
  const ip = port.hostIp === '' ? '' : port.hostIp.includes(':') ? `[${port.hostIp}]:` : `${port.hostIp}:`;
  const range = port.hostFrom === port.hostTo ? `${port.hostFrom}` : `${port.hostFrom}-${port.hostTo}`;
  return `${ip}${range}/${port.protocol}`;
}

export const portsHostConflict = defineRule({
  id: 'ports/host-conflict',
  severity: 'error',
  description: 'Disallow publishing the same host port (address, port range and protocol) twice',
  messages: { conflict: 'host port {{port}} of {{service}} is also published by {{other}} ({{otherPort}}, line {{otherLine}})' },
  check(context) {
    const ports = context.compose.services.flatMap(parsePorts).filter((port) => port.hostFrom !== undefined);
    for (let i = 0; i < ports.length; i += 1) {
      for (let j = i + 1; j < ports.length; j += 1) {
        const a = ports[i]!;
        const b = ports[j]!;
        if (a.protocol !== b.protocol || !hostIpsOverlap(a.hostIp, b.hostIp)) continue;
        if (a.hostFrom! > b.hostTo! || b.hostFrom! > a.hostTo!) continue;
        const rangeA = context.compose.rangeOf(a.path);
        const rangeB = context.compose.rangeOf(b.path);
        context.report({
          messageId: 'conflict',
          data: { port: describe(a), service: a.service, other: b.service, otherPort: describe(b), otherLine: rangeB.line },
          range: rangeA,
        });
        context.report({
          messageId: 'conflict',
          data: { port: describe(b), service: b.service, other: a.service, otherPort: describe(a), otherLine: rangeA.line },
          range: rangeB,
        });
      }
    }
  },
});
