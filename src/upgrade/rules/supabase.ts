import { crosses } from './crosses.js';
import type { UpgradeRule } from './types.js';

/** Supabase (self-hosted). */
export const supabaseRules: readonly UpgradeRule[] = [
  {
    id: 'supabase/postgres-17',
    services: ['supabase-db'],
    verdict: 'blocked',
    title: 'Supabase Postgres 15 → 17 needs pg_upgrade',
    checks: 'the supabase/postgres image goes from 15.x to 17 or later',
    why:
      'self-hosted Supabase moved its default db image to Postgres 17 (week of 2026-06-15); a PG 15 data directory does not ' +
      'auto-upgrade and PG 17 fails to start on it; timescaledb, plv8, plcoffee and plls are not in the PG 17 images',
    migration:
      'run the upstream upgrade script (pg_upgrade; it keeps the PG 15 directory as a backup) or dump and restore, keep the ' +
      'pgsodium root key from the db-config volume, then `--accept supabase/postgres-17`',
    steps: [],
    source: 'supabase.com/changelog/46080 (2026-05-18) and supabase.com/docs/guides/self-hosting/postgres-upgrade-17, read 2026-12-02',
    applies: (context) => crosses(context.fromTag, context.toTag, '17'),
  },
  {
    id: 'supabase/legacy-api-keys',
    services: ['supabase', 'supabase-auth', 'supabase-rest', 'supabase-studio'],
    verdict: 'needs-migration',
    title: 'Supabase is retiring the legacy anon/service_role JWT keys',
    checks: 'a Supabase service is upgraded while the stack still hands out the legacy JWT keys (ANON_KEY, SERVICE_ROLE_KEY)',
    why:
      'self-hosted Supabase announced the removal of the legacy anon and service_role keys in favour of publishable and ' +
      'secret API keys; clients that embed the legacy keys stop working when they go',
    migration: 'nothing breaks in this step; plan the move of your clients to the new API keys before upstream removes the legacy ones',
    steps: [],
    source: 'field-notes.md (Supabase self-hosted changelog), 2026-12-01; the removal version is not announced',
    applies: (context) =>
      context.toTag !== undefined && ['ANON_KEY', 'SERVICE_ROLE_KEY', 'SUPABASE_ANON_KEY'].some((name) => name in context.environment),
  },
];
