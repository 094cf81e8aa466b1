import path from 'node:path';
import { CONSOLE_SOCKET_FILE, RELATIVE_PATHS } from '../stack/project-layout.js';

/** Where every file of an aistack project lives, relative to the project directory. */
export interface ProjectPaths {
  readonly directory: string;
  readonly manifest: string;
  readonly compose: string;
  readonly env: string;
  readonly stackDoc: string;
  /** nginx config directory (rendered). */
  readonly proxy: string;
  /** PostgreSQL init scripts (rendered). */
  readonly postgresInit: string;
  /** State that is never committed: secrets, TLS, state database, backups. */
  readonly state: string;
  readonly secrets: string;
  readonly tls: string;
  readonly stateDatabase: string;
  readonly monitorDatabase: string;
  readonly backups: string;
  /** The console route's unix socket (`console.route`): `aistack serve` listens there, the proxy forwards to it. */
  readonly consoleSocket: string;
}

export function resolveProjectPaths(directory: string): ProjectPaths {
  const root = path.resolve(directory);
  const state = path.join(root, '.aistack');
  return {
    directory: root,
    manifest: path.join(root, 'aistack.yaml'),
    compose: path.join(root, 'compose.yaml'),
    env: path.join(root, '.env'),
    stackDoc: path.join(root, 'STACK.md'),
    proxy: path.join(root, 'proxy'),
    postgresInit: path.join(root, 'postgres-init'),
    state,
    secrets: path.join(state, 'secrets'),
    tls: path.join(state, 'tls'),
    stateDatabase: path.join(state, 'state.db'),
    monitorDatabase: path.join(state, 'monitor.db'),
    backups: path.join(state, 'backups'),
    consoleSocket: path.join(root, RELATIVE_PATHS.console, CONSOLE_SOCKET_FILE),
  };
}

// The layout compose.yaml refers to is decided in the core; the shell imports it from here too.
export { MOUNTED_SECRETS_DIRECTORY, RELATIVE_PATHS } from '../stack/project-layout.js';
