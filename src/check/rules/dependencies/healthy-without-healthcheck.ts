import { defineRule } from '../../define-rule.js';
import { dependenciesOf, hasHealthcheck } from '../../model/service-facts.js';

export const dependenciesHealthyWithoutHealthcheck = defineRule({
  id: 'dependencies/healthy-without-healthcheck',
  severity: 'error',
  description: 'Disallow `condition: service_healthy` on a service that has no health check',
  messages: {
    noHealthcheck: '{{service}} waits for {{target}} to be healthy, but {{target}} has no healthcheck, so it never becomes healthy',
  },
  check(context) {
    const byName = new Map(context.compose.services.map((service) => [service.name, service]));
    for (const service of context.compose.services) {
      for (const dependency of dependenciesOf(service)) {
        const target = byName.get(dependency.target);
        if (dependency.condition !== 'service_healthy' || !target || hasHealthcheck(target, context.facts)) continue;
        context.report({
          messageId: 'noHealthcheck',
          data: { service: service.name, target: dependency.target },
          range: context.compose.keyRangeOf(dependency.path),
        });
      }
    }
  },
});
