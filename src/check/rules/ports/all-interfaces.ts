import { defineRule } from '../../define-rule.js';
import { isLoopback, parsePorts } from '../../model/ports.js';
import { imageOf, isSensitiveImage, SENSITIVE_PORTS } from '../../model/service-facts.js';

export const portsAllInterfaces = defineRule({
  id: 'ports/all-interfaces',
  severity: 'error',
  description: 'Disallow publishing data stores, admin UIs and model servers on every network interface',
  messages: { allInterfaces: '{{service}} ({{image}}) publishes port {{port}} on every interface; bind it to 127.0.0.1 or drop the port' },
  check(context) {
    for (const service of context.compose.services) {
      const image = imageOf(service);
      const sensitiveImage = isSensitiveImage(image);
      for (const port of parsePorts(service)) {
        if (!sensitiveImage && !SENSITIVE_PORTS.has(port.containerFrom)) continue;
        if (port.hostFrom !== undefined && (isLoopback(port.hostIp) || !['', '0.0.0.0', '::'].includes(port.hostIp))) continue;
        if (port.hostFrom === undefined && isLoopback(port.hostIp)) continue;
        context.report({
          messageId: 'allInterfaces',
          data: { service: service.name, image: image?.repository ?? 'no image', port: port.hostFrom ?? port.containerFrom },
          range: context.compose.rangeOf(port.path),
        });
      }
    }
  },
});
