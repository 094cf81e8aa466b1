import { describe, expect, it } from 'vitest';
import { findCycle, orderByDependencies } from '../../src/stack/dependency-graph.js';

describe('dependency graph', () => {
  it('orders services in start levels', () => {
    const edges = new Map([
      ['app', ['db', 'cache']],
      ['db', []],
      ['cache', []],
      ['web', ['app']],
    ]);
    expect(orderByDependencies(edges)).toEqual([['cache', 'db'], ['app'], ['web']]);
  });

  it('finds a cycle and names its path', () => {
    expect(
      findCycle(
        new Map([
          ['a', ['b']],
          ['b', ['c']],
          ['c', ['a']],
        ]),
      ),
    ).toEqual(['a', 'b', 'c', 'a']);
    expect(
      findCycle(
        new Map([
          ['a', ['b']],
          ['b', []],
        ]),
      ),
    ).toBeUndefined();
  });
});
