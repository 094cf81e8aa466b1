/**
 * Login throttling, per client address and per user name: a few free attempts, then an
 * exponentially growing wait (1 s, 2 s, 4 s … capped) before the next attempt is even checked.
 */
export interface LoginThrottle {
  /**
   * Start an attempt: the seconds to wait when this address or user is blocked (the attempt is
   * refused and not counted), else 0, and the attempt already counts as a failure until
   * `recordSuccess`. Counting before the password is checked is what keeps concurrent attempts
   * from all being checked while the first checks are still running.
   */
  beginAttempt(ip: string, user: string): number;
  /** Seconds to wait before another attempt for this address or user, or 0 when allowed. */
  retryAfterSeconds(ip: string, user: string): number;
  recordFailure(ip: string, user: string): void;
  recordSuccess(ip: string, user: string): void;
}

export interface LoginThrottleOptions {
  /** Failures allowed before waits start. @default 5 */
  readonly freeAttempts?: number;
  /** First wait. @default 1000 */
  readonly baseDelayMs?: number;
  /** Longest wait. @default 15 minutes */
  readonly maxDelayMs?: number;
  /** Failures are forgotten after this long without another one. @default 1 hour */
  readonly forgetAfterMs?: number;
  /** Bound on tracked keys; the oldest are dropped. @default 10000 */
  readonly maxKeys?: number;
  readonly now?: () => number;
}

interface Entry {
  failures: number;
  lastFailureAt: number;
  blockedUntil: number;
}

export function createLoginThrottle(options: LoginThrottleOptions = {}): LoginThrottle {
  const freeAttempts = options.freeAttempts ?? 5;
  const baseDelayMs = options.baseDelayMs ?? 1000;
  const maxDelayMs = options.maxDelayMs ?? 15 * 60_000;
  const forgetAfterMs = options.forgetAfterMs ?? 3_600_000;
  const maxKeys = options.maxKeys ?? 10_000;
  const now = options.now ?? Date.now;
  const entries = new Map<string, Entry>();

  const keys = (ip: string, user: string): string[] => [`ip:${ip}`, `user:${user.slice(0, 128)}`];
  const live = (key: string, at: number): Entry | undefined => {
    const entry = entries.get(key);
    if (entry && at - entry.lastFailureAt > forgetAfterMs && entry.blockedUntil <= at) {
      entries.delete(key);
      return undefined;
    }
    return entry;
  };

  const throttle: LoginThrottle = {
    beginAttempt(ip, user) {
      const wait = throttle.retryAfterSeconds(ip, user);
      if (wait > 0) return wait;
      throttle.recordFailure(ip, user);
      return 0;
    },
    retryAfterSeconds(ip, user) {
      const at = now();
      let waitMs = 0;
      for (const key of keys(ip, user)) waitMs = Math.max(waitMs, (live(key, at)?.blockedUntil ?? 0) - at);
      return waitMs > 0 ? Math.ceil(waitMs / 1000) : 0;
    },
    recordFailure(ip, user) {
      const at = now();
      for (const key of keys(ip, user)) {
        const entry = live(key, at) ?? { failures: 0, lastFailureAt: at, blockedUntil: 0 };
        entry.failures += 1;
        entry.lastFailureAt = at;
        const over = entry.failures - freeAttempts;
        if (over >= 0) entry.blockedUntil = at + Math.min(maxDelayMs, baseDelayMs * 2 ** Math.min(over, 30));
        entries.delete(key);
        entries.set(key, entry);
      }
      while (entries.size > maxKeys) {
        const oldest = entries.keys().next();
        if (oldest.done) break;
        entries.delete(oldest.value);
      }
    },
    recordSuccess(ip, user) {
      for (const key of keys(ip, user)) entries.delete(key);
    },
  };
  return throttle;
}
