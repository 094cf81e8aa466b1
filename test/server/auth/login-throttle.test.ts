import { describe, expect, it } from 'vitest';
import { createLoginThrottle } from '../../../src/server/auth/login-throttle.js';

describe('createLoginThrottle', () => {
  it('allows the free attempts, then doubles the wait up to the cap', () => {
    let clock = 0;
    const throttle = createLoginThrottle({ freeAttempts: 2, baseDelayMs: 1000, maxDelayMs: 5000, now: () => clock });
    const waits: number[] = [];
    for (let attempt = 0; attempt < 6; attempt += 1) {
      throttle.recordFailure('192.0.2.1', 'admin');
      waits.push(throttle.retryAfterSeconds('192.0.2.1', 'admin'));
      clock += waits.at(-1)! * 1000;
    }
    expect(waits).toEqual([0, 1, 2, 4, 5, 5]);
  });

  it('counts an attempt when it begins, so attempts in flight use up the free ones', () => {
    const throttle = createLoginThrottle({ freeAttempts: 3, baseDelayMs: 1000, now: () => 0 });
    const waits = Array.from({ length: 6 }, () => throttle.beginAttempt('192.0.2.1', 'admin'));
    expect(waits).toEqual([0, 0, 0, 1, 1, 1]);
    throttle.recordSuccess('192.0.2.1', 'admin');
    expect(throttle.beginAttempt('192.0.2.1', 'admin')).toBe(0);
  });

  it('blocks the address for every user name, and the user name from every address', () => {
    const throttle = createLoginThrottle({ freeAttempts: 1, now: () => 0 });
    throttle.recordFailure('192.0.2.1', 'admin');
    expect(throttle.retryAfterSeconds('192.0.2.1', 'someone-else')).toBe(1);
    expect(throttle.retryAfterSeconds('198.51.100.9', 'admin')).toBe(1);
    expect(throttle.retryAfterSeconds('198.51.100.9', 'someone-else')).toBe(0);
  });

  it('forgets failures after a quiet hour and on success', () => {
    let clock = 0;
    const throttle = createLoginThrottle({ freeAttempts: 1, now: () => clock });
    throttle.recordFailure('192.0.2.1', 'admin');
    clock += 3_600_001;
    throttle.recordFailure('192.0.2.1', 'admin');
    expect(throttle.retryAfterSeconds('192.0.2.1', 'admin')).toBe(1);
    throttle.recordSuccess('192.0.2.1', 'admin');
    expect(throttle.retryAfterSeconds('192.0.2.1', 'admin')).toBe(0);
  });

  it('keeps at most maxKeys entries', () => {
    const throttle = createLoginThrottle({ freeAttempts: 1, maxKeys: 4, now: () => 0 });
    for (let index = 0; index < 10; index += 1) throttle.recordFailure(`192.0.2.${index}`, `user${index}`);
    expect(throttle.retryAfterSeconds('192.0.2.0', 'user0')).toBe(0);
    expect(throttle.retryAfterSeconds('192.0.2.9', 'user9')).toBe(1);
  });
});
