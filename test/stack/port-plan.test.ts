import { describe, expect, it } from 'vitest';
import { planPorts, PORT_PLAN } from '../../src/stack/port-plan.js';

describe('planPorts', () => {
  it('gives explicit ports first, then fills each range in order, skipping taken ports', () => {
    const result = planPorts(
      [
        { service: 'a', category: 'ui', port: undefined },
        { service: 'b', category: 'ui', port: 18000 },
        { service: 'c', category: 'database', port: undefined },
      ],
      new Map([[443, 'proxy']]),
    );
    expect(result).toEqual({
      assignments: [
        { service: 'a', port: 18001 },
        { service: 'b', port: 18000 },
        { service: 'c', port: 18300 },
      ],
      conflicts: [],
    });
  });

  it('reports a port asked for twice with its owner', () => {
    const result = planPorts(
      [
        { service: 'a', category: 'ui', port: 18005 },
        { service: 'b', category: 'llm', port: 18005 },
      ],
      new Map(),
    );
    expect(result.conflicts).toEqual([{ service: 'b', port: 18005, takenBy: 'a' }]);
  });

  it('has ranges that do not overlap', () => {
    const ranges = PORT_PLAN.filter((range) => range.category !== 'proxy');
    for (const range of ranges) {
      for (const other of ranges) {
        if (range !== other) expect(range.to < other.from || other.to < range.from, `${range.category} vs ${other.category}`).toBe(true);
      }
    }
  });
});
