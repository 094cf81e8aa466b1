import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { Facts } from '../check/types.js';
import { readOptionalText } from './read-text.js';

/** Directories where projects keep their reverse-proxy configuration. */
const PROXY_DIRECTORIES = ['nginx', 'proxy', 'conf.d', 'caddy', 'traefik', 'config/nginx', 'docker/nginx'];

/**
 * The project's Makefile, package.json and reverse-proxy configs (nginx *.conf, Caddyfile, Traefik
 * dynamic *.yml/*.toml) from the project directory and its usual config folders.
 */
export async function gatherProjectFiles(
  directory: string,
  display: (file: string) => string,
): Promise<Pick<Facts, 'makefile' | 'packageJson' | 'proxyConfigs'>> {
  const read = async (file: string): Promise<{ file: string; text: string } | undefined> => {
    const text = await readOptionalText(file).catch(() => undefined);
    return text === undefined ? undefined : { file: display(file), text };
  };
  const makefile = (await read(path.join(directory, 'Makefile'))) ?? (await read(path.join(directory, 'makefile')));
  const packageJson = await read(path.join(directory, 'package.json'));
  const candidates = [path.join(directory, 'nginx.conf'), path.join(directory, 'Caddyfile')];
  for (const folder of PROXY_DIRECTORIES) {
    const entries = await readdir(path.join(directory, folder), { recursive: true, withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      if (!entry.isFile() || !/(\.conf|\.conf\.template|Caddyfile|\.ya?ml|\.toml)$/.test(entry.name)) continue;
      candidates.push(path.join(entry.parentPath, entry.name));
    }
  }
  const proxyConfigs: { file: string; text: string }[] = [];
  for (const file of candidates.sort().slice(0, 200)) {
    const found = await read(file);
    if (found) proxyConfigs.push(found);
  }
  return { ...(makefile ? { makefile } : {}), ...(packageJson ? { packageJson } : {}), proxyConfigs };
}
