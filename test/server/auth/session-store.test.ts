import { describe, expect, it } from 'vitest';
import { createSessionStore } from '../../../src/server/auth/session-store.js';

describe('createSessionStore', () => {
  it('creates sessions with distinct 256-bit ids and CSRF tokens', () => {
    const store = createSessionStore();
    const first = store.create('admin', 'admin');
    const second = store.create('admin', 'admin');
    expect(first.id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(first.id).not.toBe(second.id);
    expect(first.csrfToken).not.toBe(first.id);
    expect(store.get(first.id)).toBe(first);
    expect(store.get(undefined)).toBeUndefined();
    expect(store.get('')).toBeUndefined();
  });

  it('expires a session after the idle timeout, and refreshes it on use', () => {
    let clock = 0;
    const store = createSessionStore({ idleMs: 1000, maxAgeMs: 10_000, now: () => clock });
    const session = store.create('admin', 'admin');
    clock = 900;
    expect(store.get(session.id)).toBe(session);
    clock = 1800;
    expect(store.get(session.id)).toBe(session);
    clock = 2801;
    expect(store.get(session.id)).toBeUndefined();
  });

  it('expires a session at its absolute age even when used', () => {
    let clock = 0;
    const store = createSessionStore({ idleMs: 1000, maxAgeMs: 2500, now: () => clock });
    const session = store.create('admin', 'admin');
    for (clock = 500; clock <= 2500; clock += 500) expect(store.get(session.id)).toBe(session);
    clock = 2501;
    expect(store.get(session.id)).toBeUndefined();
  });

  it('drops the oldest session past maxSessions', () => {
    const store = createSessionStore({ maxSessions: 2, now: () => 0 });
    const first = store.create('admin', 'admin');
    store.create('admin', 'admin');
    store.create('admin', 'admin');
    expect(store.size()).toBe(2);
    expect(store.get(first.id)).toBeUndefined();
  });
});
