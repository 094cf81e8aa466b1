import { defineRule } from '../../define-rule.js';
import { parsePorts } from '../../model/ports.js';

export const portsOutsidePlan = defineRule({
  id: 'ports/outside-plan',
  severity: 'warning',
  description: 'Require host ports of an aistack project to lie inside its port plan',
  messages: { outside: 'host port {{port}} of {{service}} is outside the port plan ({{plan}})' },
  check(context) {
    const { project } = context;
    if (!project || project.portPlan.length === 0) return;
    const plan = project.portPlan.map((range) => `${range.from}-${range.to}`).join(', ');
    for (const port of context.compose.services.flatMap(parsePorts)) {
      if (port.hostFrom === undefined || port.service === project.proxyService) continue;
      if (project.portPlan.some((range) => port.hostFrom! >= range.from && port.hostTo! <= range.to)) continue;
      context.report({
        messageId: 'outside',
        data: { port: port.hostFrom, service: port.service, plan },
        range: context.compose.rangeOf(port.path),
      });
    }
  },
});
