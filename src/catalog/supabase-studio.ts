import { createNodeHttpTest } from './health-tests.js';
import { SUPABASE_NOTE, SUPABASE_SECRETS, supabasePublicUrl } from './supabase-shared.js';
import type { CatalogEntry } from './types.js';

const sameAs = (
  name: string,
  variable: string,
  kind: 'password' | 'jwt-secret' | 'supabase-anon-key' | 'supabase-service-key' | 'hex16',
  secret: string,
  protects: string,
) => ({ name, kind, variable, delivery: 'entrypoint', protects, sameAs: secret }) as const;

/** Supabase Studio: the dashboard, behind Kong's basic auth. */
export const supabaseStudioEntry: CatalogEntry = {
  id: 'supabase-studio',
  title: 'Supabase Studio',
  category: 'platform',
  description: "Supabase's dashboard",
  homepage: 'https://supabase.com/docs/guides/self-hosting/docker',
  image: { repository: 'supabase/studio', tag: '2026.01.27-sha-6aa59ff' },
  port: 3000,
  protocol: 'http',
  // Upstream compose probes with node fetch.
  health: {
    test: createNodeHttpTest(3000, '/api/platform/profile'),
    interval: '15s',
    timeout: '10s',
    retries: 5,
    startPeriod: '60s',
    probe: { type: 'http', path: '/api/platform/profile' },
  },
  volumes: [],
  secrets: [
    sameAs(
      'db-password',
      'POSTGRES_PASSWORD',
      'password',
      SUPABASE_SECRETS.dbPassword,
      "Supabase's database superuser and its service roles (authenticator, supabase_auth_admin …)",
    ),
    sameAs(
      'anon-key',
      'SUPABASE_ANON_KEY',
      'supabase-anon-key',
      SUPABASE_SECRETS.anonKey,
      'the public Supabase API key (role anon; safe in browsers only with row-level security)',
    ),
    sameAs(
      'service-key',
      'SUPABASE_SERVICE_KEY',
      'supabase-service-key',
      SUPABASE_SECRETS.serviceKey,
      'the Supabase service_role key: bypasses row-level security; server-side only',
    ),
    sameAs(
      'jwt-secret',
      'AUTH_JWT_SECRET',
      'jwt-secret',
      SUPABASE_SECRETS.jwtSecret,
      'signs every Supabase JWT (auth sessions, anon and service keys); changing it invalidates all of them',
    ),
    sameAs(
      'meta-crypto-key',
      'PG_META_CRYPTO_KEY',
      'hex16',
      SUPABASE_SECRETS.metaCryptoKey,
      'encryption of connection strings between Studio and postgres-meta',
    ),
  ],
  environment: {
    HOSTNAME: '0.0.0.0',
    STUDIO_PG_META_URL: 'http://supabase-meta:8080',
    DEFAULT_ORGANIZATION_NAME: 'Default Organization',
    DEFAULT_PROJECT_NAME: 'Default Project',
    SUPABASE_URL: 'http://supabase:8000',
    NEXT_PUBLIC_ENABLE_LOGS: 'false',
    NEXT_ANALYTICS_BACKEND_PROVIDER: 'postgres',
  },
  // apps/studio/Dockerfile (production): ENTRYPOINT ["docker-entrypoint.sh"], CMD ["node", "apps/studio/server.js"].
  entrypoint: ['docker-entrypoint.sh'],
  command: ['node', 'apps/studio/server.js'],
  shell: '/bin/sh',
  requires: ['supabase-meta'],
  partOf: 'supabase',
  resources: { memoryMb: 1024, cpus: 1, pids: 512 },
  networks: ['internal'],
  wire: (context) => ({ environment: { SUPABASE_PUBLIC_URL: supabasePublicUrl(context) } }),
  notes: [
    SUPABASE_NOTE,
    'Studio is reached only through Kong (basic auth), never routed directly. Upstream sets HOSTNAME="::"; aistack uses 0.0.0.0 (IPv4 networks).',
  ],
};
