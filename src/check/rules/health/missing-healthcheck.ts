import { defineRule } from '../../define-rule.js';
import { dependenciesOf, hasHealthcheck } from '../../model/service-facts.js';
import { isRecord } from '../../model/compose-model.js';

export const healthMissingHealthcheck = defineRule({
  id: 'health/missing-healthcheck',
  severity: 'warning',
  description: 'Require a health check on every long-running service',
  messages: { missing: '{{service}} has no healthcheck; nothing notices when it hangs' },
  check(context) {
    const jobs = new Set(
      context.compose.services.flatMap((service) =>
        dependenciesOf(service)
          .filter((dependency) => dependency.condition === 'service_completed_successfully')
          .map((dependency) => dependency.target),
      ),
    );
    for (const service of context.compose.services) {
      if (hasHealthcheck(service) || jobs.has(service.name)) continue;
      const healthcheck = service.value['healthcheck'];
      if (isRecord(healthcheck) && healthcheck['disable'] === true) continue;
      const restart = service.value['restart'];
      if (restart === 'no' || restart === false) continue;
      context.report({
        messageId: 'missing',
        data: { service: service.name },
        range: context.compose.keyRangeOf(['services', service.name]),
      });
    }
  },
});
