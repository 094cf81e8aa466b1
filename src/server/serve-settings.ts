import path from 'node:path';
import { ServerError } from '../errors.js';
import type { ProjectPaths } from '../project/paths.js';

/** `aistack serve` flags as commander hands them over. */
export interface ServeFlagsInput {
  readonly port?: string;
  readonly host?: string;
  readonly passwordFile?: string;
  readonly metricsTokenFile?: string;
  readonly dataDirectory?: string;
  readonly trustProxy?: string;
  readonly insecureCookies?: boolean;
}

/** Everything `aistack serve` decided before it starts anything. */
export interface ServeSettings {
  readonly port: number;
  readonly host: string;
  readonly passwordFile: string;
  /** `required: false`: the default file, used only when it exists. */
  readonly metricsTokenFile: { readonly file: string; readonly required: boolean };
  readonly dataDirectory: string;
  readonly monitorDatabase: string;
  readonly trustProxy: string[] | false;
  readonly secureCookies: boolean;
}

/** Secret file names of the catalog's monitor service (`<service>-<secret>`). */
export const MONITOR_SECRET_FILES = { adminPassword: 'monitor-admin-password', metricsToken: 'monitor-metrics-token' } as const;

/**
 * Flags win over the environment (AISTACK_PORT, AISTACK_HOST, AISTACK_ADMIN_PASSWORD_FILE,
 * AISTACK_METRICS_TOKEN_FILE, AISTACK_DATA_DIRECTORY, AISTACK_TRUST_PROXY), which wins over the
 * project's defaults.
 */
export function resolveServeSettings(
  flags: ServeFlagsInput,
  environment: Readonly<Record<string, string | undefined>>,
  paths: ProjectPaths,
): ServeSettings {
  const pick = (flag: string | undefined, variable: string): string | undefined => {
    if (flag !== undefined && flag !== '') return flag;
    const value = environment[variable];
    return value === undefined || value === '' ? undefined : value;
  };
  const portText = pick(flags.port, 'AISTACK_PORT') ?? '8090';
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ServerError('AIS_SERVER_BAD_OPTION', `--port must be a TCP port (0-65535), not "${portText}"`, {
      hint: 'aistack serve --port 8090',
    });
  }
  const explicitToken = pick(flags.metricsTokenFile, 'AISTACK_METRICS_TOKEN_FILE');
  const dataDirectory = pick(flags.dataDirectory, 'AISTACK_DATA_DIRECTORY');
  const trustProxy = pick(flags.trustProxy, 'AISTACK_TRUST_PROXY');
  return {
    port,
    host: pick(flags.host, 'AISTACK_HOST') ?? '127.0.0.1',
    passwordFile: pick(flags.passwordFile, 'AISTACK_ADMIN_PASSWORD_FILE') ?? path.join(paths.secrets, MONITOR_SECRET_FILES.adminPassword),
    metricsTokenFile:
      explicitToken !== undefined
        ? { file: explicitToken, required: true }
        : { file: path.join(paths.secrets, MONITOR_SECRET_FILES.metricsToken), required: false },
    dataDirectory: dataDirectory ?? paths.state,
    monitorDatabase: dataDirectory === undefined ? paths.monitorDatabase : path.join(dataDirectory, 'monitor.db'),
    trustProxy:
      trustProxy === undefined
        ? false
        : trustProxy
            .split(',')
            .map((entry) => entry.trim())
            .filter((entry) => entry.length > 0),
    secureCookies: flags.insecureCookies !== true,
  };
}
