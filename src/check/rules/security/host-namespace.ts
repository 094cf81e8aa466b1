import { defineRule } from '../../define-rule.js';

const KEYS = ['network_mode', 'pid', 'ipc', 'uts', 'userns_mode'] as const;

export const securityHostNamespace = defineRule({
  id: 'security/host-namespace',
  severity: 'error',
  description: "Disallow sharing the host's network, PID, IPC, UTS or user namespace",
  messages: { host: '{{service}} sets {{key}}: host and shares the host namespace' },
  check(context) {
    for (const service of context.compose.services) {
      for (const key of KEYS) {
        if (service.value[key] === 'host')
          context.report({
            messageId: 'host',
            data: { service: service.name, key },
            range: context.compose.rangeOf(['services', service.name, key]),
          });
      }
    }
  },
});
