import { defineRule } from '../../define-rule.js';
import { dependenciesOf } from '../../model/service-facts.js';

export const dependenciesUnknownService = defineRule({
  id: 'dependencies/unknown-service',
  severity: 'error',
  description: 'Disallow depends_on entries that name no service of the project',
  messages: { unknown: '{{service}} depends on {{target}}, which is not a service of this project' },
  check(context) {
    const names = new Set(context.compose.services.map((service) => service.name));
    for (const service of context.compose.services) {
      for (const dependency of dependenciesOf(service)) {
        if (!names.has(dependency.target))
          context.report({
            messageId: 'unknown',
            data: { service: service.name, target: dependency.target },
            range: context.compose.keyRangeOf(dependency.path),
          });
      }
    }
  },
});
