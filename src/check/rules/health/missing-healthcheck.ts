import { defineRule } from '../../define-rule.js';
import { completedTargetsOf, hasHealthcheck, isOneShot } from '../../model/service-facts.js';

export const healthMissingHealthcheck = defineRule({
  id: 'health/missing-healthcheck',
  severity: 'warning',
  description: 'Require a health check on every long-running service',
  messages: { missing: '{{service}} has no healthcheck; nothing notices when it hangs' },
  check(context) {
    const completed = completedTargetsOf(context.compose.services);
    for (const service of context.compose.services) {
      if (isOneShot(service, completed)) continue;
      if (hasHealthcheck(service, context.facts)) continue;
      const healthcheck = service.value.healthcheck;
      // Turned off on purpose: that is a decision, not an omission.
      if (typeof healthcheck === 'object' && healthcheck !== null && (healthcheck as Record<string, unknown>).disable === true) continue;
      context.report({
        messageId: 'missing',
        data: { service: service.name },
        range: context.compose.keyRangeOf(['services', service.name]),
      });
    }
  },
});
