import { performance } from 'node:perf_hooks';
import { Redis } from 'ioredis';
import type { RedisPasswordAction } from '../errors/codes/secrets.js';
import { SecretsError } from '../errors.js';
import type { LiveServer, ServerAddress } from './live-server.js';

export interface RedisServerOptions {
  readonly address: ServerAddress;
  readonly oldValue: string;
  readonly newValue: string;
}

/**
 * Redis's `default` user, whose password the catalog sets with `requirepass`. ACL users hold
 * several passwords at once, so the new one is added beside the old (`ACL SETUSER default >new`)
 * until every consumer has it; `CONFIG SET requirepass` then leaves only the new one (it resets
 * the default user's passwords, and is what `CONFIG GET` reports). Connections already
 * authenticated stay so.
 */
export function createRedisServer(options: RedisServerOptions): LiveServer {
  const { address, oldValue, newValue } = options;
  const run = async (action: RedisPasswordAction, commands: readonly (readonly string[])[]): Promise<number> => {
    let lastError: unknown;
    // Whichever value it takes right now: a rotation that stopped half-way may have retired the old one.
    for (const password of [oldValue, newValue]) {
      const client = new Redis({
        host: address.host,
        port: address.port,
        password,
        lazyConnect: true,
        maxRetriesPerRequest: 1,
        retryStrategy: () => null,
      });
      // Errors are raised by the awaited calls below; the event would only print them again.
      client.on('error', () => undefined);
      try {
        await client.connect();
        const sentAt = performance.now();
        for (const [command, ...args] of commands) await client.call(command ?? 'PING', ...args);
        return sentAt;
      } catch (error: unknown) {
        lastError = error;
        if (!/WRONGPASS|NOAUTH|invalid password/i.test((error as Error).message)) break;
      } finally {
        client.disconnect();
      }
    }
    throw new SecretsError('AIS_SECRETS_SERVER_FAILED', {
      action,
      reason: (lastError as Error).message,
      hint: 'check that redis runs and that .aistack/secrets/redis-password is its current password',
      cause: lastError,
    });
  };
  return {
    label: 'Redis',
    holdsBoth: true,
    apply: () => run('add the new password', [['ACL', 'SETUSER', 'default', `>${newValue}`]]),
    settle: async () => {
      await run('retire the old password', [['CONFIG', 'SET', 'requirepass', newValue]]);
    },
    undo: async () => {
      await run('remove the new password', [['CONFIG', 'SET', 'requirepass', oldValue]]);
    },
  };
}
