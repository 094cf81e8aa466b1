import type { StackSecret } from '../stack/types.js';
import type { LiveServer, ServerAddress } from './live-server.js';
import { createPostgresServer } from './postgres-server.js';
import { createRedisServer } from './redis-server.js';
import { readRegularFile, readSecretValue, secretFiles } from './store.js';
import type { Stack } from '../stack/types.js';

/** The PostgreSQL superuser's password secret (catalog: postgres). */
export const POSTGRES_ADMIN_SECRET = 'postgres-password';

/** The server a rotation changes first, logged in as whoever may change the credential. */
export async function createLiveServer(
  context: { readonly stack: Stack; readonly secretsDirectory: string },
  live: NonNullable<StackSecret['live']>,
  address: ServerAddress,
  oldValue: string,
  newValue: string,
): Promise<LiveServer> {
  if (live.kind === 'redis-default-user') return createRedisServer({ address, oldValue, newValue });
  const adminFiles = secretFiles(context.secretsDirectory, POSTGRES_ADMIN_SECRET);
  const adminUser = context.stack.services.find((service) => service.id === live.service)?.environment.POSTGRES_USER ?? 'postgres';
  return createPostgresServer({
    address,
    role: live.role,
    adminUser,
    oldValue,
    newValue,
    // The superuser's own rotation, finished or not, may have left either value in the server.
    adminPasswords: async () =>
      [
        ...new Set(
          [await readSecretValue(context.secretsDirectory, POSTGRES_ADMIN_SECRET), await readRegularFile(adminFiles.next)].filter(
            (value): value is string => value !== undefined,
          ),
        ),
      ].concat(live.role === adminUser ? [oldValue, newValue] : []),
  });
}
