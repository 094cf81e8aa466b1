import { defineRule } from '../../define-rule.js';
import type { ServiceModel } from '../../model/compose-model.js';
import { hostIpsOverlap, parsePorts } from '../../model/ports.js';
import type { PublishedPort } from '../../model/ports.js';

function describe(port: PublishedPort): string {
  const ip = port.hostIp === '' ? '' : port.hostIp.includes(':') ? `[${port.hostIp}]:` : `${port.hostIp}:`;
  const range = port.hostFrom === port.hostTo ? `${port.hostFrom}` : `${port.hostFrom}-${port.hostTo}`;
  // Joined into one flat string: every conflict keeps two of these in its data (a template literal leaves a rope).
  return [ip, range, '/', port.protocol].join('');
}

/**
 * Whether two services can run at the same time. With `--profile`, every active service can. By
 * default each profile is a variant run on its own (cpu / gpu-nvidia / gpu-amd): services conflict
 * when either has no profile (always started) or they share one.
 */
function canRunTogether(a: ServiceModel, b: ServiceModel, profilesSelected: boolean): boolean {
  if (profilesSelected || a.profiles.length === 0 || b.profiles.length === 0) return true;
  return a.profiles.some((profile) => b.profiles.includes(profile));
}

export const portsHostConflict = defineRule({
  id: 'ports/host-conflict',
  severity: 'error',
  description: 'Disallow publishing the same host port (address, port range and protocol) twice',
  messages: { conflict: 'host port {{port}} of {{service}} is also published by {{other}} ({{otherPort}}, line {{otherLine}})' },
  check(context) {
    const { compose } = context;
    const services = new Map(compose.services.map((service) => [service.name, service]));
    const selected = compose.selectedProfiles !== undefined;
    // Sweep by start port: each port is compared only with the ranges still open at its start, so
    // the work is linear in the ports (plus the real overlaps), not quadratic.
    const ports = compose.services
      .flatMap(parsePorts)
      .filter((port) => port.hostFrom !== undefined)
      .sort((a, b) => a.protocol.localeCompare(b.protocol) || a.hostFrom! - b.hostFrom!);
    const pairs: [PublishedPort, PublishedPort][] = [];
    const open: PublishedPort[] = [];
    for (const port of ports) {
      // Drop the ranges closed before this port, in place (a new list per port was most of the sweep's garbage).
      let kept = 0;
      for (const candidate of open)
        if (candidate.protocol === port.protocol && candidate.hostTo! >= port.hostFrom!) open[kept++] = candidate;
      open.length = kept;
      for (const other of open) {
        if (!hostIpsOverlap(other.hostIp, port.hostIp)) continue;
        if (!canRunTogether(services.get(other.service)!, services.get(port.service)!, selected)) continue;
        pairs.push([other, port]);
      }
      open.push(port);
    }
    for (const [a, b] of pairs) {
      const rangeA = compose.rangeOf(a.path);
      const rangeB = compose.rangeOf(b.path);
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
  },
});
