import { mkdir, readdir, rm, stat, chmod } from 'node:fs/promises';
import path from 'node:path';
import { MOUNTED_SECRETS_DIRECTORY } from '../project/paths.js';
import { proxyBearerSecret } from '../stack/resolve/proxy.js';
import type { StackSecret } from '../stack/types.js';
import type { StagedFile } from './store.js';
import { readRegularFile, readSecretValue, SECRET_DIRECTORY_MODE, SECRET_FILE_MODE, secretFiles, stageFile } from './store.js';

/**
 * The copies of secret values that containers see under /run/secrets.
 *
 * Each service mounts its own directory, `.aistack/secrets/mounted/<service>/`, at /run/secrets,
 * holding only the secrets it reads. A directory, not one bind mount per file: a file bind mount
 * pins the inode it was created with, so a value replaced by rename (the only way to replace a
 * file atomically) never reaches a running container; through a directory mount the container
 * sees the directory entry, and a rename is visible at once and whole. See docs/security.md.
 *
 * Compose bind mounts keep the host file's owner and mode, so a 0600 file owned by root cannot be
 * read by an image that runs as another user (n8n as 1000, LiteLLM as 65532, PostgreSQL's init
 * scripts as postgres). The values themselves stay 0600; the copies are 0444 — the mode Docker
 * Swarm gives secrets inside containers — in 0755 directories, and the 0700 secrets directory
 * keeps other host users from reaching any of them.
 */
export const MOUNTED_FILE_MODE = 0o444;
export const MOUNTED_DIRECTORY_MODE = 0o755;

/** One file in one service's /run/secrets. */
export interface SecretMount {
  readonly service: string;
  /** The file name under /run/secrets. */
  readonly file: string;
  /** The stack secret it is made from. */
  readonly secret: string;
  /** The value itself, the htpasswd line made from it, or the proxy's bearer-key map. */
  readonly form: 'value' | 'htpasswd' | 'bearer';
  readonly mode: number;
}

/** The directory one service mounts at /run/secrets. */
export function mountedSecretsDirectory(directory: string, service: string): string {
  return path.join(directory, MOUNTED_SECRETS_DIRECTORY, service);
}

/** Every file every consumer finds in its /run/secrets, ordered by service and file. */
export function planSecretMounts(secrets: readonly StackSecret[]): SecretMount[] {
  const mounts: SecretMount[] = [];
  for (const secret of secrets) {
    for (const { service } of secret.consumers) {
      if (secret.kind !== 'htpasswd') {
        mounts.push({ service, file: secret.name, secret: secret.name, form: 'value', mode: MOUNTED_FILE_MODE });
        continue;
      }
      // nginx's workers read the hash; only its master (root) reads the bearer map, which holds the password itself.
      mounts.push({ service, file: secret.name, secret: secret.name, form: 'htpasswd', mode: MOUNTED_FILE_MODE });
      if (secret.bearer)
        mounts.push({ service, file: proxyBearerSecret(secret.name), secret: secret.name, form: 'bearer', mode: SECRET_FILE_MODE });
    }
  }
  return mounts.sort((a, b) => a.service.localeCompare(b.service) || a.file.localeCompare(b.file));
}

/** The text of a mounted copy, from the files in the secrets directory; undefined before the secret exists. */
async function readMountSource(directory: string, mount: SecretMount): Promise<string | undefined> {
  const files = secretFiles(directory, mount.secret);
  if (mount.form === 'value') return readSecretValue(directory, mount.secret);
  return readRegularFile(mount.form === 'htpasswd' ? files.htpasswd : files.bearer);
}

/** Create the mount directories (mounted/ 0700, each service's 0755). */
async function ensureMountDirectories(directory: string, services: Iterable<string>): Promise<void> {
  const root = path.join(directory, MOUNTED_SECRETS_DIRECTORY);
  await mkdir(root, { recursive: true, mode: SECRET_DIRECTORY_MODE });
  for (const service of new Set(services)) {
    const target = mountedSecretsDirectory(directory, service);
    await mkdir(target, { recursive: true, mode: MOUNTED_DIRECTORY_MODE });
    // Container users other than the owner must be able to open the files (the 0700 parent still keeps host users out).
    if (((await stat(target)).mode & 0o777) !== MOUNTED_DIRECTORY_MODE) await chmod(target, MOUNTED_DIRECTORY_MODE);
  }
}

/**
 * Stage the copies that differ from `content(mount)` for these mounts: written and fsynced beside
 * their destination, not yet in place. Committing is then only renames, so a rotation can put a
 * new value in front of every consumer within a millisecond of changing it in the server.
 */
export async function stageSecretMounts(
  directory: string,
  mounts: readonly SecretMount[],
  content: (mount: SecretMount) => Promise<string | undefined>,
): Promise<StagedFile[]> {
  await ensureMountDirectories(
    directory,
    mounts.map((mount) => mount.service),
  );
  const staged: StagedFile[] = [];
  try {
    for (const mount of mounts) {
      const text = await content(mount);
      if (text === undefined) continue;
      const file = path.join(mountedSecretsDirectory(directory, mount.service), mount.file);
      const current = await readRegularFile(file).catch(() => undefined);
      if (current === text && ((await stat(file)).mode & 0o777) === mount.mode) continue;
      staged.push(await stageFile(file, text, mount.mode));
    }
  } catch (error: unknown) {
    await Promise.all(staged.map((file) => file.discard()));
    throw error;
  }
  return staged;
}

/**
 * Bring every consumer's copies in line with the values, and remove copies no consumer reads any
 * more (a service that stopped using a secret keeps nothing of it). Secrets in `skip` are left as
 * they are (an unfinished rotation decides their copies).
 */
export async function syncMountedSecrets(
  directory: string,
  secrets: readonly StackSecret[],
  options: { readonly skip?: ReadonlySet<string> } = {},
): Promise<void> {
  const mounts = planSecretMounts(secrets.filter((secret) => !options.skip?.has(secret.name)));
  const staged = await stageSecretMounts(directory, mounts, (mount) => readMountSource(directory, mount));
  for (const file of staged) await file.commit();
  const kept = new Set(planSecretMounts(secrets).map((mount) => path.join(mount.service, mount.file)));
  const root = path.join(directory, MOUNTED_SECRETS_DIRECTORY);
  for (const service of await readdir(root, { withFileTypes: true })) {
    if (!service.isDirectory()) continue;
    for (const file of await readdir(path.join(root, service.name))) {
      if (!kept.has(path.join(service.name, file)) && !file.startsWith('.')) await rm(path.join(root, service.name, file), { force: true });
    }
  }
}
