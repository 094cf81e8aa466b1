import { ownerPublicUrl } from './public-url.js';
import type { WiringContext } from './types.js';

/** Stack secrets shared by Supabase's parts (upstream `.env.example`; generate-keys.sh equivalents). */
export const SUPABASE_SECRETS = {
  jwtSecret: 'supabase-jwt-secret',
  anonKey: 'supabase-anon-key',
  serviceKey: 'supabase-service-key',
  dbPassword: 'supabase-db-password',
  metaCryptoKey: 'supabase-meta-crypto-key',
} as const;

export const SUPABASE_DB_HOST = 'supabase-db';

/** The public URL of Supabase's gateway: SITE_URL, API_EXTERNAL_URL, SUPABASE_PUBLIC_URL. */
export function supabasePublicUrl(context: WiringContext): string {
  return ownerPublicUrl(context, 'supabase', 'supabase');
}

export const SUPABASE_NOTE =
  'Supabase reads no *_FILE variables (catalog-facts): secrets reach its parts through the entrypoint wrapper, or as @file for PostgREST.';
