import { access } from 'node:fs/promises';
import type { StackSecret } from '../stack/types.js';
import { SecretsError } from '../errors.js';
import { generateSecret } from './generate.js';
import type { RandomSource } from './generate.js';
import { createHtpasswdLine, HTPASSWD_USER } from './generate.js';
import { syncMountedSecrets } from './mounted.js';
import {
  ensureSecretsDirectory,
  HTPASSWD_FILE_MODE,
  readSecretMetadata,
  readSecretValue,
  secretFiles,
  tightenSecretFile,
  writeFileAtomic,
  writeSecretMetadata,
} from './store.js';

export interface EnsureSecretsOptions {
  readonly now?: Date;
  readonly random?: RandomSource;
}

export interface EnsureSecretsResult {
  /** Names generated now. */
  readonly created: readonly string[];
  /** Names that already existed and were left as they are. */
  readonly kept: readonly string[];
  /** Names whose files were readable by the group or others, and are 0600 now. */
  readonly tightened: readonly string[];
  /** Names with an unfinished rotation (`aistack secrets rotate <name>` finishes it); their copies were left alone. */
  readonly pending: readonly string[];
}

/** The Supabase API keys are signed with this stack secret. */
export const SUPABASE_JWT_SECRET = 'supabase-jwt-secret';

/**
 * Generate every secret that does not exist yet. Idempotent: an existing value is never
 * overwritten (a database initialised with it would stop accepting the stack). Secrets that are
 * made from others (derived files, Supabase keys) come after their sources.
 */
export async function ensureSecrets(
  directory: string,
  secrets: readonly StackSecret[],
  options: EnsureSecretsOptions = {},
): Promise<EnsureSecretsResult> {
  await ensureSecretsDirectory(directory);
  const now = options.now ?? new Date();
  const created: string[] = [];
  const kept: string[] = [];
  const tightened: string[] = [];
  const pending: string[] = [];
  const ordered = [...secrets].sort((a, b) => rank(a) - rank(b) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const secret of ordered) {
    const files = secretFiles(directory, secret.name);
    const existing = await readSecretValue(directory, secret.name);
    if (existing !== undefined) {
      kept.push(secret.name);
      let wide = false;
      for (const file of [files.value, files.previous, files.next, files.bearer]) if (await tightenSecretFile(file)) wide = true;
      if (wide) tightened.push(secret.name);
      if (!(await isMissing(files.rotation))) pending.push(secret.name);
      // A lost hash file is rebuilt from the password that is still there.
      if (secret.kind === 'htpasswd' && (await isMissing(files.htpasswd))) {
        await writeFileAtomic(files.htpasswd, `${createHtpasswdLine(HTPASSWD_USER, existing)}\n`, HTPASSWD_FILE_MODE);
      }
      if (secret.kind === 'htpasswd' && (await isMissing(files.bearer))) await writeFileAtomic(files.bearer, renderBearerMap(existing));
      if (!(await readSecretMetadata(directory, secret.name)))
        await writeSecretMetadata(directory, { name: secret.name, kind: secret.kind, created: now.toISOString() });
      continue;
    }
    if (secret.kind === 'provided') {
      throw new SecretsError('AIS_SECRETS_NOT_PROVIDED', {
        secret,
        hint: `write the key to ${files.value} (\`umask 077; cat > ${files.value}\`, then the key and Ctrl-D), then run the command again`,
      });
    }
    let value: string;
    let htpasswd: string | undefined;
    if (secret.derive) {
      const source = await readSecretValue(directory, secret.derive.from);
      if (source === undefined) {
        throw new SecretsError('AIS_SECRETS_MISSING_SOURCE', {
          name: secret.name,
          source: secret.derive.from,
          hint: 'run `aistack render` and `aistack secrets` again; if it persists, report it (a catalog entry names an unknown source)',
        });
      }
      value = secret.derive.template.split('{value}').join(source);
    } else {
      const jwtSecret = await readSecretValue(directory, SUPABASE_JWT_SECRET);
      const generated = generateSecret(secret.kind, {
        ...(options.random ? { random: options.random } : {}),
        ...(jwtSecret === undefined ? {} : { jwtSecret }),
        now: Math.floor(now.getTime() / 1000),
      });
      value = generated.value;
      htpasswd = generated.htpasswd;
    }
    // Hash file first: a value without its hash is repaired above, a hash without its value never happens.
    if (htpasswd !== undefined) {
      await writeFileAtomic(files.htpasswd, htpasswd, HTPASSWD_FILE_MODE);
      await writeFileAtomic(files.bearer, renderBearerMap(value));
    }
    await writeFileAtomic(files.value, value);
    await writeSecretMetadata(directory, { name: secret.name, kind: secret.kind, created: now.toISOString() });
    created.push(secret.name);
  }
  await syncMountedSecrets(directory, secrets, { skip: new Set(pending) });
  return { created: created.sort(), kept: kept.sort(), tightened: tightened.sort(), pending: pending.sort() };
}

/** What a person should hear about after `ensureSecrets` (never a value). */
export function describeEnsureWarnings(result: Pick<EnsureSecretsResult, 'tightened' | 'pending'>): string[] {
  const lines: string[] = [];
  if (result.tightened.length > 0)
    lines.push(
      `warning: the secret files of ${result.tightened.join(', ')} were readable by other users; they are 0600 now. Whoever ` +
        `could read them may know the values: \`aistack secrets rotate <name>\` replaces one`,
    );
  for (const name of result.pending)
    lines.push(`warning: the rotation of ${name} did not finish; \`aistack secrets rotate ${name}\` finishes it`);
  return lines;
}

function rank(secret: StackSecret): number {
  if (secret.derive) return 2;
  if (secret.kind === 'supabase-anon-key' || secret.kind === 'supabase-service-key') return 1;
  return 0;
}

async function isMissing(file: string): Promise<boolean> {
  return access(file).then(
    () => false,
    () => true,
  );
}

/**
 * The nginx `map` entry that lets API clients send the basic-auth password as a bearer key
 * (`Authorization: Bearer <password>`). Read by nginx's master process at start, so 0600 is fine.
 */
export function renderBearerMap(password: string): string {
  return `"Bearer ${password}" 1;\n`;
}
