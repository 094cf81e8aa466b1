import { describe, expect, it } from 'vitest';
import { cpuPercentBetween, parseMeminfo, parseProcStat } from '../../src/monitor/host-stats.js';

describe('host stats', () => {
  it('computes host CPU from two /proc/stat readings (iowait counts as idle)', () => {
    const before = parseProcStat('cpu  100 0 50 800 50 0 0 0 0 0\ncpu0 50 0 25 400 25 0 0 0 0 0\n');
    const after = parseProcStat('cpu  160 0 70 900 70 0 0 0 0 0\ncpu0 80 0 35 450 35 0 0 0 0 0\n');
    expect(before).toEqual({ idle: 850, total: 1000 });
    // 200 jiffies passed, 120 of them idle or iowait → 40 % busy
    expect(cpuPercentBetween(before!, after!)).toBe(40);
  });

  it('reads MemTotal and MemAvailable in bytes', () => {
    expect(parseMeminfo('MemTotal:       24576000 kB\nMemFree:         1000000 kB\nMemAvailable:   20000000 kB\nCached: 5 kB\n')).toEqual({
      totalBytes: 24_576_000 * 1024,
      availableBytes: 20_000_000 * 1024,
    });
  });
});
