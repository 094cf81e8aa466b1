import type { Wiring } from './types.js';

/** One entry of `Wiring.secretEnv`. */
export type WiringSecretEnv = NonNullable<Wiring['secretEnv']>[number];

/** Stack secret names other entries read; they follow resolve's `<service>-<name>` rule. */
export const REDIS_PASSWORD_SECRET = 'redis-password';
export const LITELLM_MASTER_KEY_SECRET = 'litellm-master-key';
export const QDRANT_API_KEY_SECRET = 'qdrant-api-key';

/** The password secret of an app's PostgreSQL role (resolve names it `postgres-<role>-password`). */
export function postgresPasswordSecret(role: string): string {
  return `postgres-${role}-password`;
}
