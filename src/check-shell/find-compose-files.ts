import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseEnvFile } from '../check/model/interpolate.js';
import { readOptionalText } from './read-text.js';

const DEFAULT_FILES = ['compose.yaml', 'compose.yml', 'docker-compose.yml', 'docker-compose.yaml'];

/**
 * The compose files `docker compose` would use in a directory without `-f`: COMPOSE_FILE from the
 * environment or the directory's .env (split on COMPOSE_PATH_SEPARATOR, `:` by default), else the
 * first default file name that exists plus its `.override` file. Empty when there is none.
 */
export async function findComposeFiles(directory: string, environment: Readonly<Record<string, string | undefined>>): Promise<string[]> {
  const dotenv = parseEnvFile((await readOptionalText(path.join(directory, '.env'))) ?? '');
  const fromEnv = (name: string): string | undefined => environment[name] ?? dotenv.find((entry) => entry.name === name)?.value;
  const composeFile = fromEnv('COMPOSE_FILE');
  if (composeFile !== undefined && composeFile !== '') {
    const separator = fromEnv('COMPOSE_PATH_SEPARATOR') ?? ':';
    return composeFile
      .split(separator)
      .filter((file) => file !== '')
      .map((file) => path.resolve(directory, file));
  }
  const base = DEFAULT_FILES.find((file) => existsSync(path.join(directory, file)));
  if (base === undefined) return [];
  const extension = path.extname(base);
  const override = `${base.slice(0, -extension.length)}.override${extension}`;
  return [path.join(directory, base), ...(existsSync(path.join(directory, override)) ? [path.join(directory, override)] : [])];
}

/** COMPOSE_PROFILES from the environment or .env, as `--profile` would give them. */
export async function findComposeProfiles(
  directory: string,
  environment: Readonly<Record<string, string | undefined>>,
): Promise<string[] | undefined> {
  const value =
    environment.COMPOSE_PROFILES ??
    parseEnvFile((await readOptionalText(path.join(directory, '.env'))) ?? '').find((entry) => entry.name === 'COMPOSE_PROFILES')?.value;
  if (value === undefined || value.trim() === '') return undefined;
  return value
    .split(',')
    .map((profile) => profile.trim())
    .filter((profile) => profile !== '');
}
