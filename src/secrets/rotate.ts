import pg from 'pg';
import { Redis } from 'ioredis';
import { SecretsError } from '../errors.js';
import type { Stack, StackSecret } from '../stack/types.js';
import { generateSecret } from './generate.js';
import type { RandomSource } from './generate.js';
import { createHtpasswdLine, HTPASSWD_USER } from './generate.js';
import { renderBearerMap } from './ensure.js';
import { createScramVerifier } from './scram.js';
import { syncMountedSecrets } from './mounted.js';
import { HTPASSWD_FILE_MODE, readSecretMetadata, requireSecretValue, secretFiles, writeFileAtomic, writeSecretMetadata } from './store.js';

export interface ServerAddress {
  readonly host: string;
  readonly port: number;
}

export interface RotationDependencies {
  readonly stack: Stack;
  readonly secretsDirectory: string;
  /** Where the stack's PostgreSQL answers (for role passwords). */
  readonly postgres?: ServerAddress;
  /** Where the stack's Redis answers (for its password). */
  readonly redis?: ServerAddress;
  /** Restart these services and say whether they all became healthy. */
  readonly restartDependents: (services: readonly string[]) => Promise<{ healthy: boolean }>;
  readonly now?: Date;
  readonly random?: RandomSource;
}

export interface RotationResult {
  readonly name: string;
  /** What was changed in a running server first. */
  readonly server: 'postgres' | 'redis' | undefined;
  readonly restarted: readonly string[];
}

/** The stack's secret names for the shared servers (catalog: postgres, redis). */
export const POSTGRES_SERVICE = 'postgres';
export const POSTGRES_ADMIN_SECRET = 'postgres-password';
export const REDIS_SERVICE = 'redis';
export const REDIS_PASSWORD_SECRET = 'redis-password';

interface ServerCredential {
  apply(value: string): Promise<void>;
  /** After the dependents are healthy (Redis: drop the old password). */
  settle(oldValue: string, newValue: string): Promise<void>;
  undo(oldValue: string, newValue: string): Promise<void>;
}

/**
 * Rotate one secret without losing data: change the credential in the running server first
 * (PostgreSQL ALTER ROLE with a SCRAM verifier, Redis ACL), then the file (keeping
 * `<name>.previous`), then restart only the services that read it. If they do not come back
 * healthy, the old value is restored in the server and the file.
 */
export async function rotateSecret(name: string, deps: RotationDependencies): Promise<RotationResult> {
  const secret = deps.stack.secrets.find((entry) => entry.name === name);
  if (!secret) {
    throw new SecretsError('AIS_SECRETS_UNKNOWN', `the stack has no secret "${name}"`, { hint: '`aistack secrets` lists the names' });
  }
  if (secret.critical) {
    throw new SecretsError('AIS_SECRETS_ROTATE_CRITICAL', `"${name}" encrypts stored data; a new value would make that data unreadable`, {
      hint: "rotate it with the service's own key-rotation procedure, not with aistack",
    });
  }
  if (secret.derive || secret.kind === 'supabase-anon-key' || secret.kind === 'supabase-service-key') {
    throw new SecretsError('AIS_SECRETS_ROTATE_DERIVED', `"${name}" is made from another secret; rotate that one instead`, {
      hint: secret.derive ? `rotate "${secret.derive.from}"` : 'rotate "supabase-jwt-secret"',
    });
  }
  const directory = deps.secretsDirectory;
  const oldValue = await requireSecretValue(directory, name);
  const generated = generateSecret(secret.kind, deps.random ? { random: deps.random } : {});
  const newValue = generated.value;
  const credential = serverCredential(secret, deps);
  const derived = deps.stack.secrets.filter((entry) => entry.derive?.from === name);
  const server = credential ? (secret.name === REDIS_PASSWORD_SECRET ? 'redis' : 'postgres') : undefined;
  // The servers themselves take the change live; everything else that reads the file restarts.
  const restarted = [...new Set([...secret.usedBy, ...derived.flatMap((entry) => entry.usedBy)])]
    .filter((service) => !(server === 'postgres' && service === POSTGRES_SERVICE) && !(server === 'redis' && service === REDIS_SERVICE))
    .sort();

  if (credential) await credential.apply(newValue);
  try {
    await writeFileAtomic(secretFiles(directory, name).previous, oldValue);
    await writeValue(directory, secret, newValue, derived);
  } catch (error: unknown) {
    if (credential) await credential.undo(oldValue, newValue);
    throw new SecretsError('AIS_SECRETS_WRITE_FAILED', `could not write the new value of "${name}"; the server keeps the old one`, {
      cause: error,
    });
  }
  let healthy = false;
  let failure: unknown;
  try {
    healthy = restarted.length === 0 ? true : (await deps.restartDependents(restarted)).healthy;
  } catch (error: unknown) {
    failure = error;
  }
  if (!healthy) {
    if (credential) await credential.undo(oldValue, newValue);
    await writeValue(directory, secret, oldValue, derived);
    await deps.restartDependents(restarted).catch(() => undefined);
    throw new SecretsError(
      'AIS_SECRETS_ROTATION_ROLLED_BACK',
      `${restarted.join(', ')} did not become healthy with the new value of "${name}"; the old value is back in the server and in the file`,
      { hint: 'read their logs (`aistack logs <service>`) before trying again', ...(failure === undefined ? {} : { cause: failure }) },
    );
  }
  if (credential) await credential.settle(oldValue, newValue);
  const metadata = await readSecretMetadata(directory, name);
  const now = (deps.now ?? new Date()).toISOString();
  await writeSecretMetadata(directory, { name, kind: secret.kind, created: metadata?.created ?? now, rotated: now });
  return { name, server, restarted };
}

async function writeValue(directory: string, secret: StackSecret, value: string, derived: readonly StackSecret[]): Promise<void> {
  const files = secretFiles(directory, secret.name);
  if (secret.kind === 'htpasswd') {
    await writeFileAtomic(files.htpasswd, `${createHtpasswdLine(HTPASSWD_USER, value)}\n`, HTPASSWD_FILE_MODE);
    await writeFileAtomic(files.bearer, renderBearerMap(value));
  }
  await writeFileAtomic(files.value, value);
  for (const entry of derived) {
    if (entry.derive) await writeFileAtomic(secretFiles(directory, entry.name).value, entry.derive.template.split('{value}').join(value));
  }
  // Containers read the mounted copies: they change with the value, before anything restarts.
  await syncMountedSecrets(directory, [secret, ...derived]);
}

function serverCredential(secret: StackSecret, deps: RotationDependencies): ServerCredential | undefined {
  const database = deps.stack.databases.find((entry) => entry.passwordSecret === secret.name);
  if (database || secret.name === POSTGRES_ADMIN_SECRET) {
    const role = database?.role ?? adminUser(deps.stack);
    return createPostgresCredential(role, secret.name === POSTGRES_ADMIN_SECRET, deps);
  }
  if (secret.name === REDIS_PASSWORD_SECRET) return createRedisCredential(deps);
  return undefined;
}

function adminUser(stack: Stack): string {
  return stack.services.find((service) => service.id === POSTGRES_SERVICE)?.environment['POSTGRES_USER'] ?? 'postgres';
}

function createPostgresCredential(role: string, isAdmin: boolean, deps: RotationDependencies): ServerCredential {
  const address = deps.postgres;
  if (!address) {
    throw new SecretsError('AIS_SECRETS_NO_SERVER', 'rotating a database password needs the running PostgreSQL, and none was found', {
      hint: 'start the stack: `aistack up`',
    });
  }
  const setPassword = async (value: string, adminPassword: string): Promise<void> => {
    const client = new pg.Client({
      host: address.host,
      port: address.port,
      user: adminUser(deps.stack),
      password: adminPassword,
      database: 'postgres',
      connectionTimeoutMillis: 10_000,
    });
    try {
      await client.connect();
      await client.query(`ALTER ROLE ${client.escapeIdentifier(role)} PASSWORD ${client.escapeLiteral(createScramVerifier(value))}`);
    } catch (error: unknown) {
      throw new SecretsError(
        'AIS_SECRETS_SERVER_FAILED',
        `PostgreSQL refused to change the password of the role "${role}": ${(error as Error).message}`,
        {
          hint: 'check that postgres runs and that .aistack/secrets/postgres-password is the superuser password it was initialised with',
          cause: error,
        },
      );
    } finally {
      await client.end().catch(() => undefined);
    }
  };
  return {
    apply: async (value) => setPassword(value, await requireSecretValue(deps.secretsDirectory, POSTGRES_ADMIN_SECRET)),
    settle: async () => {},
    // The admin file may hold either value by now; the admin's own rotation authenticates with the new one.
    undo: async (oldValue, newValue) =>
      setPassword(oldValue, isAdmin ? newValue : await requireSecretValue(deps.secretsDirectory, POSTGRES_ADMIN_SECRET)),
  };
}

function createRedisCredential(deps: RotationDependencies): ServerCredential {
  const address = deps.redis;
  if (!address) {
    throw new SecretsError('AIS_SECRETS_NO_SERVER', 'rotating the Redis password needs the running Redis, and none was found', {
      hint: 'start the stack: `aistack up`',
    });
  }
  const run = async (password: string, commands: readonly (readonly string[])[]): Promise<void> => {
    const client = new Redis({
      host: address.host,
      port: address.port,
      password,
      lazyConnect: true,
      maxRetriesPerRequest: 1,
      retryStrategy: () => null,
    });
    // Errors are raised by the awaited calls below; the event would only print them again.
    client.on('error', () => {});
    try {
      await client.connect();
      for (const [command, ...args] of commands) await client.call(command ?? 'PING', ...args);
    } catch (error: unknown) {
      throw new SecretsError('AIS_SECRETS_SERVER_FAILED', `Redis refused to change its password: ${(error as Error).message}`, {
        hint: 'check that redis runs and that .aistack/secrets/redis-password is its current password',
        cause: error,
      });
    } finally {
      client.disconnect();
    }
  };
  return {
    // Both passwords work while the dependents restart.
    apply: async (value) =>
      run(await requireSecretValue(deps.secretsDirectory, REDIS_PASSWORD_SECRET), [['ACL', 'SETUSER', 'default', `>${value}`]]),
    // requirepass keeps only the new one (and what CONFIG GET/REWRITE report).
    settle: async (_oldValue, newValue) => run(newValue, [['CONFIG', 'SET', 'requirepass', newValue]]),
    undo: async (oldValue, newValue) => run(oldValue, [['ACL', 'SETUSER', 'default', `<${newValue}`]]),
  };
}
