import { defineRule } from '../../define-rule.js';
import { isRecord } from '../../model/compose-model.js';

export const resourcesMemoryLimit = defineRule({
  id: 'resources/memory-limit',
  severity: 'warning',
  description: 'Require a memory limit on every service',
  messages: { missing: '{{service}} has no memory limit; one leak can take the whole host down' },
  check(context) {
    for (const service of context.compose.services) {
      if (service.value.mem_limit !== undefined) continue;
      const deploy = service.value.deploy;
      const resources = isRecord(deploy) ? deploy.resources : undefined;
      const limits = isRecord(resources) ? resources.limits : undefined;
      if (isRecord(limits) && limits.memory !== undefined) continue;
      context.report({
        messageId: 'missing',
        data: { service: service.name },
        range: context.compose.keyRangeOf(['services', service.name]),
      });
    }
  },
});
