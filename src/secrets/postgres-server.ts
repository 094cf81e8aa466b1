import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { SecretsError } from '../errors.js';
import type { LiveServer, ServerAddress } from './live-server.js';
import { createScramVerifier } from './scram.js';

export interface PostgresServerOptions {
  readonly address: ServerAddress;
  readonly role: string;
  /** The superuser rotations log in as. */
  readonly adminUser: string;
  /** Passwords that may be the superuser's right now, tried in order (both values while its own rotation is unfinished). */
  readonly adminPasswords: () => Promise<readonly string[]>;
  readonly oldValue: string;
  readonly newValue: string;
}

/**
 * A PostgreSQL role: one password at a time, changed with `ALTER ROLE … PASSWORD` and a SCRAM
 * verifier computed here, so the plain password never reaches the server or its statement log.
 * Sessions already open stay open; only new logins need the new password.
 */
export function createPostgresServer(options: PostgresServerOptions): LiveServer {
  const { address, role } = options;
  const setPassword = async (verifier: string): Promise<number> => {
    let lastError: unknown;
    for (const password of await options.adminPasswords()) {
      const client = new pg.Client({
        host: address.host,
        port: address.port,
        user: options.adminUser,
        password,
        database: 'postgres',
        connectionTimeoutMillis: 10_000,
      });
      try {
        await client.connect();
      } catch (error: unknown) {
        lastError = error;
        await client.end().catch(() => undefined);
        // 28P01: invalid_password; try the next candidate.
        if ((error as { code?: string }).code === '28P01') continue;
        break;
      }
      try {
        // Logged in already: the old password stops working with this statement, not with the login before it.
        const sentAt = performance.now();
        await client.query(`ALTER ROLE ${client.escapeIdentifier(role)} PASSWORD ${client.escapeLiteral(verifier)}`);
        return sentAt;
      } catch (error: unknown) {
        lastError = error;
        break;
      } finally {
        await client.end().catch(() => undefined);
      }
    }
    throw new SecretsError('AIS_SECRETS_SERVER_FAILED', {
      role,
      reason: (lastError as Error | undefined)?.message ?? 'no password to log in with',
      hint: 'check that postgres runs and that .aistack/secrets/postgres-password is the superuser password it was initialised with',
      cause: lastError,
    });
  };
  // PBKDF2 takes a few milliseconds: computed before anything changes, not inside the window.
  const newVerifier = createScramVerifier(options.newValue);
  const oldVerifier = createScramVerifier(options.oldValue);
  return {
    label: `PostgreSQL (role "${role}")`,
    holdsBoth: false,
    apply: () => setPassword(newVerifier),
    settle: () => Promise.resolve(),
    undo: async () => {
      await setPassword(oldVerifier);
    },
  };
}
