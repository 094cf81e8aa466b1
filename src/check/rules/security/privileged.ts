import { defineRule } from '../../define-rule.js';

export const securityPrivileged = defineRule({
  id: 'security/privileged',
  severity: 'error',
  description: 'Disallow privileged containers',
  messages: { privileged: '{{service}} runs privileged: root on the host with every device and capability' },
  check(context) {
    for (const service of context.compose.services) {
      if (service.value.privileged === true || service.value.privileged === 'true') {
        context.report({
          messageId: 'privileged',
          data: { service: service.name },
          range: context.compose.keyRangeOf(['services', service.name, 'privileged']),
        });
      }
    }
  },
});
