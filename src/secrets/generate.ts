import { createHmac, randomBytes } from 'node:crypto';
import bcrypt from 'bcryptjs';
import type { SecretKind } from '../catalog/types.js';
import { SecretsError } from '../errors.js';

/** Random bytes; node:crypto's CSPRNG unless a test passes its own. */
export type RandomSource = (size: number) => Buffer;

/** What one generated secret is made of: the value and, for htpasswd, the line nginx reads. */
export interface GeneratedSecret {
  readonly value: string;
  /** `admin:$2b$…` for htpasswd secrets. */
  readonly htpasswd?: string;
}

export interface GenerateOptions {
  readonly random?: RandomSource;
  /** The value of `supabase-jwt-secret`, needed for the Supabase API keys. */
  readonly jwtSecret?: string;
  /** The basic-auth user of htpasswd secrets. @default admin */
  readonly user?: string;
  /** Seconds since the epoch for JWT `iat` (Supabase keys). */
  readonly now?: number;
}

const URL_SAFE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
/** bcrypt cost for htpasswd lines: nginx checks it on every request of a protected route. */
export const HTPASSWD_COST = 10;
export const HTPASSWD_USER = 'admin';

/** `length` characters from the 64-character URL-safe alphabet (6 bits each, no modulo bias). */
export function generateUrlSafe(length: number, random: RandomSource = randomBytes): string {
  const bytes = random(length);
  let text = '';
  for (let index = 0; index < length; index += 1) text += URL_SAFE.charAt((bytes[index] ?? 0) & 63);
  return text;
}

/** A bcrypt htpasswd line (`user:$2b$10$…`); Debian 12's glibc and musl crypt() both check `$2b$`. */
export function createHtpasswdLine(user: string, password: string): string {
  return `${user}:${bcrypt.hashSync(password, HTPASSWD_COST)}`;
}

/** One fresh value in the format the consumer needs. */
export function generateSecret(kind: SecretKind, options: GenerateOptions = {}): GeneratedSecret {
  const random = options.random ?? randomBytes;
  switch (kind) {
    case 'password':
      return { value: generateUrlSafe(32, random) };
    case 'password-24':
      return { value: generateUrlSafe(24, random) };
    case 'hex32':
      return { value: random(32).toString('hex') };
    case 'hex16':
      return { value: random(16).toString('hex') };
    case 'base64-48':
      return { value: random(48).toString('base64') };
    case 'sk-key':
      return { value: `sk-${generateUrlSafe(48, random)}` };
    case 'jwt-secret':
      return { value: generateUrlSafe(48, random) };
    case 'htpasswd': {
      const value = generateUrlSafe(32, random);
      return { value, htpasswd: `${createHtpasswdLine(options.user ?? HTPASSWD_USER, value)}\n` };
    }
    case 'provided':
      throw new SecretsError('AIS_SECRETS_NOT_PROVIDED', {
        hint: 'write the key to .aistack/secrets/<name> (mode 0600); docs/models.md says which name',
      });
    case 'supabase-anon-key':
    case 'supabase-service-key': {
      if (options.jwtSecret === undefined) {
        throw new SecretsError('AIS_SECRETS_MISSING_SOURCE', {
          kind,
          hint: 'run `aistack secrets` to generate every missing secret in order',
        });
      }
      const role = kind === 'supabase-anon-key' ? 'anon' : 'service_role';
      return {
        value: signJwt({ role, iss: 'supabase', iat: options.now ?? 0, exp: (options.now ?? 0) + 10 * 365 * 86_400 }, options.jwtSecret),
      };
    }
  }
}

/** HS256 JWT, the way Supabase's generate-keys script makes its API keys. */
export function signJwt(payload: Readonly<Record<string, unknown>>, secret: string): string {
  const encode = (part: unknown): string => Buffer.from(JSON.stringify(part)).toString('base64url');
  const body = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(payload)}`;
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
}
