import { describe, expect, it } from 'vitest';
import { compareVersion } from '../../src/runtime/doctor.js';
import { formatLogLine, parseSince } from '../../src/runtime/log-stream.js';

describe('runtime parsing helpers', () => {
  it('reads --since as a duration or a date', () => {
    const now = new Date('2026-01-01T12:00:00Z');
    expect(parseSince('10m', now)).toBe(now.getTime() / 1000 - 600);
    expect(parseSince('1d', now)).toBe(now.getTime() / 1000 - 86400);
    expect(parseSince('2026-01-01T11:00:00Z', now)).toBe(now.getTime() / 1000 - 3600);
    expect(() => parseSince('soon', now)).toThrow('--since soon is neither a duration (10m, 2h, 1d) nor a date');
  });
  it('prefixes merged log lines with the padded service name', () => {
    expect(formatLogLine({ service: 'db', time: 't', text: 'ready' }, 5, undefined, false)).toBe('db    | ready');
    expect(formatLogLine({ service: 'db', time: 't', text: 'ready' }, 2, 0, true)).toBe('\x1b[36mdb |\x1b[0m t ready');
  });
  it('compares Debian-style engine versions', () => {
    expect(compareVersion('20.10.24+dfsg1', [20, 10])).toBeGreaterThanOrEqual(0);
    expect(compareVersion('1.29.2', [1, 27])).toBeGreaterThan(0);
    expect(compareVersion('1.25.0', [1, 27])).toBeLessThan(0);
  });
});
