import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { chmod, lstat, mkdir, open, readFile, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { SecretKind } from '../catalog/types.js';
import { SecretsError } from '../errors.js';

/** What is known about a secret besides its value (kept in `<name>.meta.json`, never the value). */
export interface SecretMetadata {
  readonly name: string;
  readonly kind: SecretKind;
  /** ISO time of generation. */
  readonly created: string;
  /** ISO time of the last rotation. */
  readonly rotated?: string;
}

export const SECRET_FILE_MODE = 0o600;
export const SECRET_DIRECTORY_MODE = 0o700;
/**
 * The htpasswd hash file is read by nginx's worker (uid 101 in the image) on every request, and a
 * compose secret is a bind mount that keeps the host mode; it holds only a bcrypt hash and sits in
 * the 0700 directory, so other host users still cannot reach it.
 */
export const HTPASSWD_FILE_MODE = 0o644;

const NAME = /^[a-z0-9][a-z0-9_-]*$/;

/** The file names of one secret inside the secrets directory. */
export function secretFiles(
  directory: string,
  name: string,
): { value: string; htpasswd: string; bearer: string; previous: string; next: string; rotation: string; metadata: string } {
  if (!NAME.test(name)) {
    throw new SecretsError('AIS_SECRETS_BAD_NAME', {
      name,
      hint: '`aistack secrets` lists the names',
    });
  }
  return {
    value: path.join(directory, name),
    htpasswd: path.join(directory, `${name}.htpasswd`),
    bearer: path.join(directory, `${name}.bearer`),
    previous: path.join(directory, `${name}.previous`),
    // An unfinished rotation: the new value, and which steps are done (src/secrets/rotation-journal.ts).
    next: path.join(directory, `${name}.next`),
    rotation: path.join(directory, `${name}.rotation.json`),
    metadata: path.join(directory, `${name}.meta.json`),
  };
}

/** Create the secrets directory (0700) if needed, and tighten it if it is wider. */
export async function ensureSecretsDirectory(directory: string): Promise<void> {
  await mkdir(directory, { recursive: true, mode: SECRET_DIRECTORY_MODE });
  const info = await stat(directory);
  if ((info.mode & 0o777) !== SECRET_DIRECTORY_MODE) await chmod(directory, SECRET_DIRECTORY_MODE);
}

/** A file written in full beside its destination and not yet in place: `commit` renames it there. */
export interface StagedFile {
  readonly file: string;
  commit(): Promise<void>;
  discard(): Promise<void>;
}

/** Write a private temporary file in the destination's directory and fsync it; nothing is replaced yet. */
export async function stageFile(file: string, content: string, mode: number = SECRET_FILE_MODE): Promise<StagedFile> {
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.tmp-${randomBytes(6).toString('hex')}`);
  const handle = await open(temporary, 'wx', mode);
  try {
    await handle.writeFile(content);
    await handle.chmod(mode);
    await handle.sync();
  } catch (error: unknown) {
    await handle.close();
    await rm(temporary, { force: true });
    throw error;
  }
  await handle.close();
  return {
    file,
    // rename(2) replaces the directory entry in one step: a reader opens the old file or the new one, never half of either.
    commit: async () => {
      try {
        await rename(temporary, file);
      } catch (error: unknown) {
        await rm(temporary, { force: true });
        throw error;
      }
    },
    discard: () => rm(temporary, { force: true }),
  };
}

/** Write a file atomically: a private temporary file in the same directory, fsync, rename. */
export async function writeFileAtomic(file: string, content: string, mode: number = SECRET_FILE_MODE): Promise<void> {
  await (await stageFile(file, content, mode)).commit();
}

/**
 * The text of a file that must be a regular file: a symbolic link at a secret's path is refused,
 * not followed, so that no other file (the TLS private key, another project's secret) can stand in
 * for a secret. Undefined when it does not exist.
 */
export async function readRegularFile(file: string): Promise<string | undefined> {
  let handle;
  try {
    handle = await open(file, constants.O_RDONLY | constants.O_NOFOLLOW);
  } catch (error: unknown) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    if (code === 'ELOOP') throw notRegular(file, 'a symbolic link');
    throw error;
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw notRegular(file, info.isDirectory() ? 'a directory' : 'not a regular file');
    return await handle.readFile('utf8');
  } finally {
    await handle.close();
  }
}

function notRegular(file: string, what: 'a symbolic link' | 'a directory' | 'not a regular file'): SecretsError {
  return new SecretsError('AIS_SECRETS_NOT_REGULAR', {
    file,
    what,
    hint:
      `replace it with the file itself (\`cp --remove-destination "$(readlink -f ${file})" ${file}\`) or restore it from a ` +
      `backup (\`aistack restore <id> config\`)`,
  });
}

/** The value of a secret, or undefined when it has not been generated. */
export async function readSecretValue(directory: string, name: string): Promise<string | undefined> {
  try {
    return await readRegularFile(secretFiles(directory, name).value);
  } catch (error: unknown) {
    if (error instanceof SecretsError) throw error;
    throw new SecretsError('AIS_SECRETS_UNREADABLE', {
      name,
      reason: (error as NodeJS.ErrnoException).code ?? 'error',
      hint: 'the secrets directory must belong to the user running aistack (0700, files 0600)',
      cause: error,
    });
  }
}

/** The value of a secret that must exist. */
export async function requireSecretValue(directory: string, name: string): Promise<string> {
  const value = await readSecretValue(directory, name);
  if (value === undefined) {
    throw new SecretsError('AIS_SECRETS_NOT_FOUND', {
      name,
      hint: 'run `aistack secrets` to generate it',
    });
  }
  return value;
}

export async function readSecretMetadata(directory: string, name: string): Promise<SecretMetadata | undefined> {
  try {
    return JSON.parse(await readFile(secretFiles(directory, name).metadata, 'utf8')) as SecretMetadata;
  } catch {
    return undefined;
  }
}

export async function writeSecretMetadata(directory: string, metadata: SecretMetadata): Promise<void> {
  await writeFileAtomic(secretFiles(directory, metadata.name).metadata, `${JSON.stringify(metadata, null, 2)}\n`);
}

/**
 * Make a secret file private again when it is readable by the group or others (restored from an
 * archive, copied by hand, a umask of 022). Returns whether it was wider; a missing file is fine.
 */
export async function tightenSecretFile(file: string, mode: number = SECRET_FILE_MODE): Promise<boolean> {
  let info;
  try {
    info = await lstat(file);
  } catch (error: unknown) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
  if (!info.isFile() || (info.mode & 0o077 & ~mode) === 0) return false;
  await chmod(file, mode);
  return true;
}

/** Names of the secret values present in the directory (no sidecars, no temporary files). */
export async function listSecretNames(directory: string): Promise<string[]> {
  let entries: string[];
  try {
    // Files only: mounted/ holds the readable copies containers mount (src/secrets/mounted.ts).
    entries = (await readdir(directory, { withFileTypes: true })).filter((entry) => entry.isFile()).map((entry) => entry.name);
  } catch (error: unknown) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return entries.filter((entry) => NAME.test(entry) && !entry.includes('.')).sort();
}
