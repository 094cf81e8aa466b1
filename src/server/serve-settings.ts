import path from 'node:path';
import { ServerError } from '../errors.js';
import type { ProjectPaths } from '../project/paths.js';

/** `aistack serve` flags as commander hands them over. */
export interface ServeFlagsInput {
  readonly port?: string;
  readonly host?: string;
  readonly passwordFile?: string;
  readonly viewerPasswordFile?: string;
  readonly metricsTokenFile?: string;
  readonly dataDirectory?: string;
  readonly trustProxy?: string;
  readonly insecureCookies?: boolean;
  /** `--console` / `--no-console`. */
  readonly console?: boolean;
}

/** Everything `aistack serve` decided before it starts anything. */
export interface ServeSettings {
  readonly port: number;
  readonly host: string;
  readonly passwordFile: string;
  /** The viewer role's password; `required: false`: the default file, used only when it exists. */
  readonly viewerPasswordFile: { readonly file: string; readonly required: boolean };
  /** `required: false`: the default file, used only when it exists. */
  readonly metricsTokenFile: { readonly file: string; readonly required: boolean };
  readonly dataDirectory: string;
  readonly monitorDatabase: string;
  readonly trustProxy: string[] | false;
  readonly secureCookies: boolean;
  /** Run the configuration console, and why (or why not). */
  readonly console: { readonly enabled: boolean; readonly reason: string };
}

/** Secret file names of the catalog's monitor service (`<service>-<secret>`). */
export const MONITOR_SECRET_FILES = { adminPassword: 'monitor-admin-password', metricsToken: 'monitor-metrics-token' } as const;

/** The viewer role's password file in the secrets directory: written by the user, never generated. */
export const VIEWER_PASSWORD_FILE = 'monitor-viewer-password';

/**
 * Flags win over the environment (AISTACK_PORT, AISTACK_HOST, AISTACK_ADMIN_PASSWORD_FILE,
 * AISTACK_VIEWER_PASSWORD_FILE, AISTACK_METRICS_TOKEN_FILE, AISTACK_DATA_DIRECTORY, AISTACK_TRUST_PROXY), which wins over the
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
    throw new ServerError('AIS_SERVER_BAD_OPTION', {
      port: portText,
      hint: 'aistack serve --port 8090',
    });
  }
  const explicitToken = pick(flags.metricsTokenFile, 'AISTACK_METRICS_TOKEN_FILE');
  const explicitViewer = pick(flags.viewerPasswordFile, 'AISTACK_VIEWER_PASSWORD_FILE');
  const dataDirectory = pick(flags.dataDirectory, 'AISTACK_DATA_DIRECTORY');
  const trustProxy = pick(flags.trustProxy, 'AISTACK_TRUST_PROXY');
  const host = pick(flags.host, 'AISTACK_HOST') ?? '127.0.0.1';
  return {
    port,
    host,
    passwordFile: pick(flags.passwordFile, 'AISTACK_ADMIN_PASSWORD_FILE') ?? path.join(paths.secrets, MONITOR_SECRET_FILES.adminPassword),
    viewerPasswordFile:
      explicitViewer !== undefined
        ? { file: explicitViewer, required: true }
        : { file: path.join(paths.secrets, VIEWER_PASSWORD_FILE), required: false },
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
    console: decideConsole(flags, pick(undefined, 'AISTACK_CONSOLE'), host, trustProxy !== undefined),
  };
}

/** Loopback addresses: a console there is reachable only from this host (or through the proxy route). */
export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/**
 * The console is on by default on a loopback address. On any other address it needs `--console`
 * (or AISTACK_CONSOLE=on) and a reverse proxy in front (`--trust-proxy`); binding it to 0.0.0.0
 * without one is refused. The in-stack monitor (0.0.0.0 behind the proxy, no `--console`) never runs it.
 */
function decideConsole(
  flags: ServeFlagsInput,
  variable: string | undefined,
  host: string,
  behindProxy: boolean,
): { readonly enabled: boolean; readonly reason: string } {
  const wanted = flags.console ?? (variable === undefined ? undefined : variable === 'on' || variable === '1' || variable === 'true');
  if (wanted === false) return { enabled: false, reason: 'turned off (--no-console)' };
  if (isLoopbackHost(host)) return { enabled: true, reason: `on ${host} only` };
  if (wanted === undefined) {
    return { enabled: false, reason: `not on ${host} without --console (run \`aistack serve\` on the host for the console)` };
  }
  if (!behindProxy) {
    throw new ServerError('AIS_SERVER_CONSOLE_EXPOSED', {
      host,
      hint: 'keep the default host (127.0.0.1) and reach it through the proxy route, or pass --trust-proxy <proxy address>',
    });
  }
  return { enabled: true, reason: `on ${host}, behind the proxy` };
}
