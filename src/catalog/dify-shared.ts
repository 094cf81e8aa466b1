import { QDRANT_API_KEY_SECRET, REDIS_PASSWORD_SECRET, postgresPasswordSecret } from './shared-secrets.js';
import type { WiringSecretEnv } from './shared-secrets.js';
import type { CatalogSecret, Wiring, WiringContext } from './types.js';

/**
 * What Dify's api, worker and beat share (upstream `x-shared-env`): one database, Redis, the
 * vector store, the sandbox and the plugin daemon, with matching keys (Traps 11).
 */
export const DIFY_DATABASE = { database: 'dify', role: 'dify' } as const;
export const DIFY_PLUGIN_DATABASE = { database: 'dify_plugin', role: 'dify_plugin' } as const;
export const DIFY_SHARED_NOTE =
  'Dify reads no *_FILE variables (none in its env reference): every secret reaches it through the entrypoint wrapper.';

/** Stack secret names shared across Dify's parts. */
export const DIFY_SECRETS = {
  secretKey: 'dify-secret-key',
  innerApiKey: 'dify-inner-api-key',
  sandboxApiKey: 'dify-sandbox-api-key',
  pluginDaemonKey: 'dify-plugin-daemon-server-key',
} as const;

/** The secrets api, worker and beat all read (SECRET_KEY signs sessions and encrypts provider keys). */
export function difyAppSecrets(owner: boolean): readonly CatalogSecret[] {
  const share = (name: string, sameAs: string) => (owner ? {} : { sameAs, name });
  return [
    {
      name: 'secret-key',
      kind: 'base64-48',
      variable: 'SECRET_KEY',
      delivery: 'entrypoint',
      protects: 'Dify sessions and the encryption of stored model-provider keys; never change it',
      critical: true,
      ...share('secret-key', DIFY_SECRETS.secretKey),
    },
    {
      name: 'inner-api-key',
      kind: 'base64-48',
      variable: 'INNER_API_KEY_FOR_PLUGIN',
      delivery: 'entrypoint',
      protects: "calls from Dify's plugin daemon to Dify's inner API",
      ...share('inner-api-key', DIFY_SECRETS.innerApiKey),
    },
    {
      name: 'sandbox-api-key',
      kind: 'base64-48',
      variable: 'CODE_EXECUTION_API_KEY',
      delivery: 'entrypoint',
      protects: "Dify's code sandbox: only Dify may run code in it",
      sameAs: DIFY_SECRETS.sandboxApiKey,
    },
    {
      name: 'plugin-daemon-key',
      kind: 'base64-48',
      variable: 'PLUGIN_DAEMON_KEY',
      delivery: 'entrypoint',
      protects: "Dify's plugin daemon API",
      sameAs: DIFY_SECRETS.pluginDaemonKey,
    },
  ];
}

/** Environment and secret variables of api, worker and beat. */
export function wireDifyApp(context: WiringContext, mode: 'api' | 'worker' | 'beat', publicUrl: string): Wiring {
  const environment: Record<string, string> = {
    MODE: mode,
    // Only the api runs migrations; worker and beat wait for it through the shared database.
    MIGRATION_ENABLED: mode === 'api' ? 'true' : 'false',
    DB_TYPE: 'postgresql',
    DB_HOST: 'postgres',
    DB_PORT: '5432',
    DB_USERNAME: DIFY_DATABASE.role,
    DB_DATABASE: DIFY_DATABASE.database,
    REDIS_HOST: 'redis',
    REDIS_PORT: '6379',
    REDIS_DB: '0',
    VECTOR_STORE: 'qdrant',
    QDRANT_URL: context.internalUrl('qdrant') ?? 'http://qdrant:6333',
    STORAGE_TYPE: 'opendal',
    OPENDAL_SCHEME: 'fs',
    OPENDAL_FS_ROOT: 'storage',
    CODE_EXECUTION_ENDPOINT: 'http://dify-sandbox:8194',
    PLUGIN_DAEMON_URL: 'http://dify-plugin-daemon:5002',
    SSRF_PROXY_HTTP_URL: 'http://dify-ssrf-proxy:3128',
    SSRF_PROXY_HTTPS_URL: 'http://dify-ssrf-proxy:3128',
    // One host behind the proxy: the web app and the API share the origin.
    CONSOLE_WEB_URL: publicUrl,
    CONSOLE_API_URL: publicUrl,
    SERVICE_API_URL: publicUrl,
    APP_WEB_URL: publicUrl,
    APP_API_URL: publicUrl,
    FILES_URL: publicUrl,
    ENDPOINT_URL_TEMPLATE: `${publicUrl}/e/{hook_id}`,
    LOG_LEVEL: 'INFO',
  };
  const secretEnv: WiringSecretEnv[] = [
    { variable: 'DB_PASSWORD', secret: postgresPasswordSecret(DIFY_DATABASE.role), delivery: 'entrypoint' },
    { variable: 'REDIS_PASSWORD', secret: REDIS_PASSWORD_SECRET, delivery: 'entrypoint' },
    // The broker URL carries the Redis password, so the wrapper builds it.
    { variable: 'CELERY_BROKER_URL', secret: REDIS_PASSWORD_SECRET, delivery: 'entrypoint', template: 'redis://:{value}@redis:6379/1' },
    { variable: 'QDRANT_API_KEY', secret: QDRANT_API_KEY_SECRET, delivery: 'entrypoint' },
  ];
  return { environment, secretEnv };
}
