import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { MOUNTED_SECRETS_DIRECTORY } from '../project/paths.js';
import type { StackSecret } from '../stack/types.js';
import { readSecretValue, SECRET_DIRECTORY_MODE, writeFileAtomic } from './store.js';

/**
 * The copies of secret values that compose mounts into containers.
 *
 * Compose file secrets are bind mounts that keep the host file's owner and mode, so a 0600 file
 * owned by root cannot be read by an image that runs as another user (n8n as 1000, LiteLLM as
 * 65532, PostgreSQL's init scripts as postgres). The values themselves stay 0600; each gets a
 * 0444 copy under `mounted/` — the mode Docker Swarm gives secrets inside containers — and the
 * 0700 secrets directory keeps other host users from reaching either.
 */
export const MOUNTED_FILE_MODE = 0o444;

export function mountedSecretFile(directory: string, name: string): string {
  return path.join(directory, MOUNTED_SECRETS_DIRECTORY, name);
}

/** Bring the mounted copies in line with the values (htpasswd secrets mount their hash file instead). */
export async function syncMountedSecrets(directory: string, secrets: readonly Pick<StackSecret, 'name' | 'kind'>[]): Promise<void> {
  await mkdir(path.join(directory, MOUNTED_SECRETS_DIRECTORY), { recursive: true, mode: SECRET_DIRECTORY_MODE });
  for (const secret of secrets) {
    if (secret.kind === 'htpasswd') continue;
    const value = await readSecretValue(directory, secret.name);
    if (value === undefined) continue;
    const file = mountedSecretFile(directory, secret.name);
    if ((await readFile(file, 'utf8').catch(() => undefined)) === value) continue;
    await writeFileAtomic(file, value, MOUNTED_FILE_MODE);
  }
}
