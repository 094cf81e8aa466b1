/** Inside the secrets directory: the readable copies containers mount (src/secrets/mounted.ts). */
export const MOUNTED_SECRETS_DIRECTORY = 'mounted';

/** Paths as compose.yaml refers to them (relative, so the project can move). */
export const RELATIVE_PATHS = {
  manifest: './aistack.yaml',
  secrets: './.aistack/secrets',
  tls: './.aistack/tls',
  proxy: './proxy',
  socketProxy: './docker-socket-proxy',
  postgresInit: './postgres-init',
  /** The unix socket of `aistack serve`'s console that the proxy's console route forwards to. */
  console: './.aistack/console',
} as const;

/** The console socket's file name in RELATIVE_PATHS.console. */
export const CONSOLE_SOCKET_FILE = 'console.sock';
