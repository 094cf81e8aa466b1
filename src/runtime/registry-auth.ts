import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runProcess } from './compose-command.js';

/** What the Engine API takes as X-Registry-Auth for a pull or a distribution lookup. */
export interface RegistryAuth {
  readonly username: string;
  readonly password: string;
  readonly serveraddress: string;
}

interface DockerConfigFile {
  readonly auths?: Record<string, { readonly auth?: string; readonly identitytoken?: string }>;
  readonly credsStore?: string;
  readonly credHelpers?: Record<string, string>;
}

/**
 * The registry host a reference names (`host:5000/a/b:1` → `host:5000`), or undefined for the
 * default registry (no dot, colon or `localhost` in the first part).
 */
export function registryHostOf(reference: string): string | undefined {
  const [first, ...rest] = reference.split('/');
  if (rest.length === 0 || first === undefined) return undefined;
  return first.includes('.') || first.includes(':') || first === 'localhost' ? first : undefined;
}

/**
 * The credentials `docker login` stored for the registry of `reference`, read the way the docker
 * CLI reads them: `$DOCKER_CONFIG/config.json` (default ~/.docker), a credential helper named in
 * `credHelpers` or `credsStore` (`docker-credential-<name> get`, the host on stdin), else the
 * base64 `user:password` in `auths`. Undefined for the default registry and when there is none:
 * the pull is anonymous, as it is for the docker CLI.
 */
export async function readRegistryAuth(
  reference: string,
  environment: Readonly<Record<string, string | undefined>> = process.env,
): Promise<RegistryAuth | undefined> {
  const host = registryHostOf(reference);
  if (host === undefined) return undefined;
  const directory = environment.DOCKER_CONFIG ?? path.join(environment.HOME ?? os.homedir(), '.docker');
  let config: DockerConfigFile;
  try {
    config = JSON.parse(await readFile(path.join(directory, 'config.json'), 'utf8')) as DockerConfigFile;
  } catch {
    return undefined;
  }
  const helper = config.credHelpers?.[host] ?? config.credsStore;
  if (helper) {
    const result = await runProcess(`docker-credential-${helper}`, ['get'], {
      timeoutMs: 20_000,
      input: host,
      env: { ...environment },
    }).catch(() => undefined);
    if (result?.code === 0) {
      const answer = JSON.parse(result.stdout) as { Username?: string; Secret?: string };
      if (answer.Username && answer.Secret) return { username: answer.Username, password: answer.Secret, serveraddress: host };
    }
  }
  const entry = config.auths?.[host] ?? config.auths?.[`https://${host}`] ?? config.auths?.[`http://${host}`];
  if (!entry?.auth) return undefined;
  const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1), serveraddress: host };
}
