import type { StackSecret } from '../stack/types.js';
import { renderBearerMap } from './ensure.js';
import { createHtpasswdLine, HTPASSWD_USER } from './generate.js';
import { planSecretMounts, stageSecretMounts } from './mounted.js';
import type { StagedFile } from './store.js';
import { HTPASSWD_FILE_MODE, secretFiles, stageFile } from './store.js';

/** Stage every file that carries the new value: the secret and its sidecars, its derived files, every consumer's copy. */
export async function stageDelivery(
  directory: string,
  secret: StackSecret,
  derived: readonly StackSecret[],
  value: string,
): Promise<StagedFile[]> {
  const files = secretFiles(directory, secret.name);
  const htpasswd = secret.kind === 'htpasswd' ? `${createHtpasswdLine(HTPASSWD_USER, value)}\n` : undefined;
  const derivedValue = (entry: StackSecret): string => entry.derive!.template.split('{value}').join(value);
  const staged: StagedFile[] = [];
  try {
    staged.push(await stageFile(files.value, value));
    if (htpasswd !== undefined) {
      staged.push(await stageFile(files.htpasswd, htpasswd, HTPASSWD_FILE_MODE));
      staged.push(await stageFile(files.bearer, renderBearerMap(value)));
    }
    for (const entry of derived) staged.push(await stageFile(secretFiles(directory, entry.name).value, derivedValue(entry)));
    const byName = new Map([secret, ...derived].map((entry) => [entry.name, entry]));
    staged.push(
      ...(await stageSecretMounts(directory, planSecretMounts([secret, ...derived]), async (mount) => {
        const entry = byName.get(mount.secret);
        if (!entry) return undefined;
        if (entry !== secret) return derivedValue(entry);
        return mount.form === 'value' ? value : mount.form === 'htpasswd' ? htpasswd : renderBearerMap(value);
      })),
    );
  } catch (error: unknown) {
    await Promise.all(staged.map((file) => file.discard()));
    throw error;
  }
  return staged;
}
