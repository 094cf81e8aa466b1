import { createWgetTest } from './health-tests.js';
import { SUPABASE_DB_HOST, SUPABASE_NOTE, SUPABASE_SECRETS, supabasePublicUrl } from './supabase-shared.js';
import type { CatalogEntry } from './types.js';

/** Supabase Auth (GoTrue): users, sessions and JWTs. */
export const supabaseAuthEntry: CatalogEntry = {
  id: 'supabase-auth',
  title: 'Supabase Auth',
  category: 'platform',
  description: "Supabase's auth server (GoTrue)",
  homepage: 'https://github.com/supabase/auth',
  image: { repository: 'supabase/gotrue', tag: 'v2.185.0' },
  port: 9999,
  protocol: 'http',
  // Alpine-based: upstream compose probes with wget.
  health: {
    test: createWgetTest(9999, '/health'),
    interval: '15s',
    timeout: '5s',
    retries: 5,
    startPeriod: '30s',
    probe: { type: 'http', path: '/health' },
  },
  volumes: [],
  secrets: [
    {
      name: 'jwt-secret',
      kind: 'jwt-secret',
      variable: 'GOTRUE_JWT_SECRET',
      delivery: 'entrypoint',
      protects: 'signs every Supabase JWT (auth sessions, anon and service keys); changing it invalidates all of them',
      critical: true,
      sameAs: SUPABASE_SECRETS.jwtSecret,
    },
  ],
  environment: {
    GOTRUE_API_HOST: '0.0.0.0',
    GOTRUE_API_PORT: '9999',
    GOTRUE_DB_DRIVER: 'postgres',
    GOTRUE_JWT_ADMIN_ROLES: 'service_role',
    GOTRUE_JWT_AUD: 'authenticated',
    GOTRUE_JWT_DEFAULT_GROUP_NAME: 'authenticated',
    GOTRUE_JWT_EXP: '3600',
    GOTRUE_DISABLE_SIGNUP: 'false',
    GOTRUE_EXTERNAL_EMAIL_ENABLED: 'true',
    GOTRUE_EXTERNAL_ANONYMOUS_USERS_ENABLED: 'false',
    GOTRUE_MAILER_AUTOCONFIRM: 'false',
    GOTRUE_EXTERNAL_PHONE_ENABLED: 'false',
  },
  // Dockerfile: alpine:3, USER supabase (1000), CMD ["auth"] (gotrue is a symlink to it).
  command: ['auth'],
  shell: '/bin/sh',
  requires: ['supabase-db'],
  partOf: 'supabase',
  resources: { memoryMb: 256, cpus: 0.5, pids: 256 },
  // edge: mail (SMTP) and OAuth providers.
  networks: ['edge', 'internal'],
  wire: (context) => {
    const url = supabasePublicUrl(context);
    return {
      environment: { API_EXTERNAL_URL: url, GOTRUE_SITE_URL: url, GOTRUE_URI_ALLOW_LIST: '' },
      secretEnv: [
        {
          variable: 'GOTRUE_DB_DATABASE_URL',
          secret: SUPABASE_SECRETS.dbPassword,
          delivery: 'entrypoint',
          template: `postgres://supabase_auth_admin:{value}@${SUPABASE_DB_HOST}:5432/postgres`,
        },
      ],
    };
  },
  notes: [
    SUPABASE_NOTE,
    'The repository name supabase/gotrue follows the upstream compose file (not in catalog-facts.md); upstream compose now ' +
      'pins v2.186.0, catalog-facts v2.185.0.',
    'SMTP is not configured: set GOTRUE_SMTP_* under services.supabase-auth.env to send confirmation mails.',
  ],
};
