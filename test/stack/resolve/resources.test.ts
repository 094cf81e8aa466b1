import { describe, expect, it } from 'vitest';
import { mergeResources, parseMemoryMb } from '../../../src/stack/resolve/resources.js';

describe('mergeResources', () => {
  it('takes each limit from the override, then resources.defaults, then the catalog, then 512 MB / 1 CPU / 512 pids', () => {
    expect(mergeResources({ memoryMb: 1024, cpus: 2 }, { cpus: 4 }, { memory: '256m' })).toEqual({ memoryMb: 256, cpus: 4, pids: 512 });
    expect(mergeResources(undefined, undefined, undefined)).toEqual({ memoryMb: 512, cpus: 1, pids: 512 });
  });
});

describe('parseMemoryMb', () => {
  it('reads k, m and g, at least 1 MB', () => {
    expect([parseMemoryMb('2g'), parseMemoryMb('512M'), parseMemoryMb('1024k'), parseMemoryMb('1k'), parseMemoryMb('lots')]).toEqual([
      2048,
      512,
      1,
      1,
      undefined,
    ]);
  });
});
