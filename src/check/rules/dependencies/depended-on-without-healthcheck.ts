import { defineRule } from '../../define-rule.js';
import { completedTargetsOf, dependenciesOf, hasHealthcheck, isOneShot } from '../../model/service-facts.js';

export const dependenciesDependedOnWithoutHealthcheck = defineRule({
  id: 'dependencies/depended-on-without-healthcheck',
  severity: 'warning',
  description: 'Require a health check on services that other services depend on',
  messages: {
    noHealthcheck: '{{dependents}} depend(s) on {{service}}, which has no healthcheck, so they may start before it is ready',
    job: '{{dependents}} depend(s) on {{service}}, a one-shot job; wait for it to finish with `condition: service_completed_successfully`',
  },
  check(context) {
    const dependents = new Map<string, string[]>();
    for (const service of context.compose.services) {
      for (const dependency of dependenciesOf(service)) {
        if (dependency.condition === 'service_completed_successfully') continue;
        const list = dependents.get(dependency.target);
        if (list) list.push(service.name);
        else dependents.set(dependency.target, [service.name]);
      }
    }
    const completed = completedTargetsOf(context.compose.services);
    for (const service of context.compose.services) {
      const names = dependents.get(service.name);
      if (!names || hasHealthcheck(service, context.facts)) continue;
      context.report({
        messageId: isOneShot(service, completed) ? 'job' : 'noHealthcheck',
        data: { dependents: names.join(', '), service: service.name },
        range: context.compose.keyRangeOf(['services', service.name]),
      });
    }
  },
});
