import { defineRule } from '../../define-rule.js';
import { isRecord } from '../../model/compose-model.js';
import { completedTargetsOf, isOneShot } from '../../model/service-facts.js';

export const healthRestartPolicy = defineRule({
  id: 'health/restart-policy',
  severity: 'warning',
  description: 'Require a restart policy on every long-running service',
  messages: { missing: '{{service}} has no restart policy; it stays down after a crash or a reboot' },
  check(context) {
    const completed = completedTargetsOf(context.compose.services);
    for (const service of context.compose.services) {
      if (service.value.restart !== undefined || isOneShot(service, completed)) continue;
      const deploy = service.value.deploy;
      if (isRecord(deploy) && deploy.restart_policy !== undefined) continue;
      context.report({
        messageId: 'missing',
        data: { service: service.name },
        range: context.compose.keyRangeOf(['services', service.name]),
      });
    }
  },
});
