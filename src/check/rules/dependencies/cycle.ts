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
    const reported = new Set<string>();
    // Depth-first with an explicit stack: a chain of 100,000 depends_on does not overflow the call stack.
    const visit = (root: string): void => {
      const path: string[] = [];
      const position = new Map<string, number>();
      const frames: { name: string; next: number }[] = [];
      const enter = (name: string): void => {
        state.set(name, 'visiting');
        position.set(name, path.length);
        path.push(name);
        frames.push({ name, next: 0 });
      };
      enter(root);
      while (frames.length > 0) {
        const frame = frames[frames.length - 1]!;
        const dependencies = edges.get(frame.name) ?? [];
        if (frame.next >= dependencies.length) {
          frames.pop();
          path.pop();
          position.delete(frame.name);
          state.set(frame.name, 'done');
          continue;
        }
        const dependency = dependencies[frame.next]!;
        frame.next += 1;
        if (!edges.has(dependency.target)) continue;
        const targetState = state.get(dependency.target);
        if (targetState === 'visiting') {
          const cycle = [...path.slice(position.get(dependency.target)), dependency.target];
          const key = [...cycle.slice(0, -1)].sort().join(',');
          if (!reported.has(key)) {
            reported.add(key);
            context.report({ messageId: 'cycle', data: { cycle: cycle.join(' → ') }, range: context.compose.keyRangeOf(dependency.path) });
          }
        } else if (targetState === undefined) enter(dependency.target);
      }
    };
    for (const name of [...edges.keys()].sort()) if (!state.has(name)) visit(name);
  },
});
