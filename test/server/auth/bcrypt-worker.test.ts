import { hash } from 'bcryptjs';
import { describe, expect, it } from 'vitest';
import { createAdminCredentials } from '../../../src/server/auth/admin-credentials.js';
import { createBcryptVerifier } from '../../../src/server/auth/bcrypt-worker.js';

describe('bcrypt comparisons', () => {
  it('answer right and wrong passwords, and a malformed hash as wrong', async () => {
    const verifier = createBcryptVerifier();
    const passwordHash = await hash('hunter2', 4);
    expect(await verifier.compare('hunter2', passwordHash)).toBe(true);
    expect(await verifier.compare('hunter3', passwordHash)).toBe(false);
    expect(await verifier.compare('hunter2', 'not a hash')).toBe(false);
  });

  it('run off the event loop: timers keep firing while 20 cost-10 comparisons run', async () => {
    const admin = createAdminCredentials('admin', await hash('right', 10), createBcryptVerifier());
    await admin.verify('admin', 'warm-up');
    let worstLagMs = 0;
    let last = performance.now();
    const timer = setInterval(() => {
      const at = performance.now();
      worstLagMs = Math.max(worstLagMs, at - last - 10);
      last = at;
    }, 10);
    const started = performance.now();
    const results = await Promise.all(Array.from({ length: 20 }, (_, index) => admin.verify('admin', `wrong-${index}`)));
    const totalMs = performance.now() - started;
    clearInterval(timer);
    expect(results).toEqual(Array.from({ length: 20 }, () => false));
    // Relative, so a loaded machine slows both sides: on the main thread the timer would wait for
    // nearly all of the hashing (lag ≈ total); in the worker it waits for almost none of it.
    expect(worstLagMs).toBeLessThan(totalMs / 4);
  }, 60_000);
});
