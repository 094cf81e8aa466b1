import { defineRule } from '../../define-rule.js';
import { dependenciesOf } from '../../model/service-facts.js';
import type { Dependency } from '../../model/service-facts.js';

export const dependenciesCycle = defineRule({
  id: 'dependencies/cycle',
  severity: 'error',
  description: 'Disallow depends_on cycles, which compose cannot start',
  messages: { cycle: 'dependency cycle: {{cycle}}' },
  check(context) {
    const edges = new Map<string, Dependency[]>(context.compose.services.map((service) => [service.name, dependenciesOf(service)]));
    const state = new Map<string, 'visiting' | 'done'>();
    const stack: string[] = [];
    const reported = new Set<string>();
    const visit = (name: string): void => {
      state.set(name, 'visiting');
      stack.push(name);
      for (const dependency of edges.get(name) ?? []) {
        if (!edges.has(dependency.target)) continue;
        const targetState = state.get(dependency.target);
        if (targetState === 'visiting') {
          const cycle = [...stack.slice(stack.indexOf(dependency.target)), dependency.target];
          const key = [...cycle.slice(0, -1)].sort().join(',');
          if (!reported.has(key)) {
            reported.add(key);
            context.report({ messageId: 'cycle', data: { cycle: cycle.join(' → ') }, range: context.compose.keyRangeOf(dependency.path) });
          }
        } else if (targetState === undefined) visit(dependency.target);
      }
      stack.pop();
      state.set(name, 'done');
    };
    for (const name of [...edges.keys()].sort()) if (!state.has(name)) visit(name);
  },
});
