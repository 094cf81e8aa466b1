import { randomBytes } from 'node:crypto';

/** `admin` may do everything; `viewer` only reads the dashboard's monitoring pages (see require-session.ts). */
export type Role = 'admin' | 'viewer';

export interface Session {
  readonly id: string;
  readonly user: string;
  readonly role: Role;
  /** Synchronizer token every state-changing request must echo in `x-csrf-token`. */
  readonly csrfToken: string;
  readonly createdAt: number;
  lastSeenAt: number;
}

export interface SessionStore {
  create(user: string, role: Role): Session;
  /** The live session for an id, refreshing its idle timer; undefined when unknown or expired. */
  get(id: string | undefined): Session | undefined;
  delete(id: string): void;
  size(): number;
}

export interface SessionStoreOptions {
  /** Idle timeout. @default 8 hours */
  readonly idleMs?: number;
  /** Absolute lifetime. @default 7 days */
  readonly maxAgeMs?: number;
  /** Oldest sessions are dropped past this many. @default 1000 */
  readonly maxSessions?: number;
  readonly now?: () => number;
}

/**
 * Sessions in memory, keyed by 256-bit random ids (the cookie holds only the id). A restart logs
 * everyone out, which is acceptable for a single-admin monitor.
 */
export function createSessionStore(options: SessionStoreOptions = {}): SessionStore {
  const idleMs = options.idleMs ?? 8 * 3_600_000;
  const maxAgeMs = options.maxAgeMs ?? 7 * 86_400_000;
  const maxSessions = options.maxSessions ?? 1000;
  const now = options.now ?? Date.now;
  const sessions = new Map<string, Session>();

  const expired = (session: Session, at: number): boolean => at - session.lastSeenAt > idleMs || at - session.createdAt > maxAgeMs;

  return {
    create(user, role) {
      const at = now();
      for (const [id, session] of sessions) if (expired(session, at)) sessions.delete(id);
      while (sessions.size >= maxSessions) {
        const oldest = sessions.keys().next();
        if (oldest.done) break;
        sessions.delete(oldest.value);
      }
      const session: Session = {
        id: randomBytes(32).toString('base64url'),
        user,
        role,
        csrfToken: randomBytes(32).toString('base64url'),
        createdAt: at,
        lastSeenAt: at,
      };
      sessions.set(session.id, session);
      return session;
    },
    get(id) {
      if (id === undefined || id.length === 0) return undefined;
      const session = sessions.get(id);
      if (!session) return undefined;
      const at = now();
      if (expired(session, at)) {
        sessions.delete(id);
        return undefined;
      }
      session.lastSeenAt = at;
      return session;
    },
    delete(id) {
      sessions.delete(id);
    },
    size() {
      return sessions.size;
    },
  };
}
