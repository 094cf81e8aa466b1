import { defineRule } from '../../define-rule.js';
import { isLoopback, parsePorts } from '../../model/ports.js';
import { imageOf, isSensitiveImage } from '../../model/service-facts.js';

export const portsAllInterfaces = defineRule({
  id: 'ports/all-interfaces',
  severity: 'error',
  description: 'Disallow publishing data stores and admin UIs on every network interface',
  messages: { allInterfaces: '{{service}} ({{image}}) publishes port {{port}} on every interface; bind it to 127.0.0.1 or drop the port' },
  check(context) {
    for (const service of context.compose.services) {
      const image = imageOf(service);
      if (!isSensitiveImage(image)) continue;
      for (const port of parsePorts(service)) {
        if (port.hostFrom !== undefined && (isLoopback(port.hostIp) || !['', '0.0.0.0', '::'].includes(port.hostIp))) continue;
        if (port.hostFrom === undefined && isLoopback(port.hostIp)) continue;
        context.report({
          messageId: 'allInterfaces',
          data: { service: service.name, image: image!.repository, port: port.hostFrom ?? port.containerFrom },
          range: context.compose.rangeOf(port.path),
        });
      }
    }
  },
});
