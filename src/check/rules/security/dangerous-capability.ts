import { defineRule } from '../../define-rule.js';

const DANGEROUS = new Set(['ALL', 'SYS_ADMIN', 'SYS_MODULE', 'SYS_PTRACE', 'SYS_RAWIO', 'DAC_READ_SEARCH', 'NET_ADMIN', 'BPF', 'PERFMON']);

export const securityDangerousCapability = defineRule({
  id: 'security/dangerous-capability',
  severity: 'error',
  description: 'Disallow adding capabilities that amount to root on the host',
  messages: { capability: '{{service}} adds capability {{capability}}' },
  check(context) {
    for (const service of context.compose.services) {
      const caps = service.value.cap_add;
      if (!Array.isArray(caps)) continue;
      caps.forEach((cap: unknown, index) => {
        const name = String(cap).toUpperCase().replace(/^CAP_/, '');
        if (DANGEROUS.has(name))
          context.report({
            messageId: 'capability',
            data: { service: service.name, capability: name },
            range: context.compose.rangeOf(['services', service.name, 'cap_add', index]),
          });
      });
    }
  },
});
