import { describe, expect, it } from 'vitest';
import { sortRecord, uniqueDependencies, uniqueSorted } from '../../../src/stack/resolve/service-parts.js';

describe('service parts', () => {
  it('keeps one edge per dependency, a hard one over a soft one, sorted by service', () => {
    expect(
      uniqueDependencies([
        { service: 'redis', condition: 'service_healthy', required: false },
        { service: 'postgres', condition: 'service_healthy', required: false },
        { service: 'redis', condition: 'service_healthy', required: true },
      ]),
    ).toEqual([
      { service: 'postgres', condition: 'service_healthy', required: false },
      { service: 'redis', condition: 'service_healthy', required: true },
    ]);
  });

  it('sorts records by key and lists by value, without repeats', () => {
    expect(Object.keys(sortRecord({ b: '1', A: '2', a: '3' }))).toEqual(['A', 'a', 'b']);
    expect(uniqueSorted(['b', 'a', 'b'])).toEqual(['a', 'b']);
  });
});
