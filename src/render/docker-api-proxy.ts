import type { Stack } from '../stack/types.js';
import type { RenderedFile } from './types.js';
import { GENERATED_NOTICE } from './types.js';

/** The socket proxy's service id, its listening port and where its rendered config lives. */
export const DOCKER_API_PROXY = {
  service: 'docker-socket-proxy',
  port: 2375,
  configFile: 'docker-socket-proxy/nginx.conf',
  socket: '/var/run/docker.sock',
} as const;

/**
 * The Engine API endpoints the monitor calls, and nothing else (all GET; HEAD comes with GET).
 * Paths may carry an API version prefix (`/v1.41/…`); container ids and names are
 * `[a-zA-Z0-9][a-zA-Z0-9_.-]*` (Docker's own name rule), so a path with `%`, `..` or `//` is
 * never one of them and is refused before matching.
 */
export const DOCKER_API_ALLOWLIST: readonly { readonly pattern: string; readonly why: string }[] = [
  { pattern: '_ping', why: 'health check and client version negotiation' },
  { pattern: 'version', why: 'Engine version' },
  { pattern: 'events', why: 'the event stream (die, oom, health_status, restart)' },
  { pattern: 'containers/json', why: 'list the stack containers by compose labels' },
  { pattern: 'containers/[a-zA-Z0-9][a-zA-Z0-9_.-]*/json', why: 'inspect: state, health, restarts, networks' },
  { pattern: 'containers/[a-zA-Z0-9][a-zA-Z0-9_.-]*/stats', why: 'one-shot CPU, memory, network and block I/O' },
  { pattern: 'containers/[a-zA-Z0-9][a-zA-Z0-9_.-]*/logs', why: 'log search and live logs' },
];

// No single quote inside: nginx reads it as a single-quoted string.
const DENIED_BODY =
  '{"message":"refused by the aistack Docker API proxy: it allows only the read-only calls the monitor makes (GET ping, ' +
  'version, events, container list, inspect, stats, logs)"}';

/**
 * The Docker socket proxy's nginx configuration: GET on the allowlisted paths goes to the Engine's
 * unix socket; every other path and every other method gets 403 with a JSON message. Pure; empty
 * when the stack has no socket proxy (the monitor is off).
 */
export function renderDockerApiProxy(stack: Stack): RenderedFile[] {
  if (!stack.services.some((service) => service.id === DOCKER_API_PROXY.service)) return [];
  const allowed = DOCKER_API_ALLOWLIST.map((entry) => `    #   ${entry.pattern.padEnd(46)} ${entry.why}`);
  const alternatives = DOCKER_API_ALLOWLIST.map((entry) => entry.pattern).join('|');
  const lines = [
    `# ${GENERATED_NOTICE}`,
    `# Docker API proxy for the stack "${stack.name}": it sits on the network docker-api, which only the`,
    '# monitor shares, and passes on only the read-only Engine API calls the monitor makes.',
    '',
    "# Workers run as root: the socket is root:docker 0660 and the docker group's id differs per host.",
    'user root;',
    'worker_processes 1;',
    'error_log stderr warn;',
    'pid /tmp/docker-api-proxy.pid;',
    '',
    'events {',
    '  worker_connections 256;',
    '}',
    '',
    'http {',
    '  server_tokens off;',
    '  client_body_temp_path /tmp/client_body;',
    '  proxy_temp_path /tmp/proxy;',
    '  # Refused requests are logged (to the container log); allowed ones are not.',
    '  map $status $docker_api_refused {',
    '    403 1;',
    '    default 0;',
    '  }',
    '  access_log /dev/stdout combined if=$docker_api_refused;',
    '',
    '  server {',
    `    listen ${DOCKER_API_PROXY.port};`,
    '    client_max_body_size 1k;',
    '    error_page 403 @refused;',
    '',
    '    # nginx matches the decoded, normalised path but forwards the raw one: a raw path with an',
    '    # escape, a dot segment or an empty segment is refused before any location is chosen.',
    '    if ($request_uri ~ "^[^?]*(%|/\\.|//)") {',
    '      return 403;',
    '    }',
    '',
    '    # Allowed, GET (and HEAD) only, with an optional /v1.NN prefix:',
    ...allowed,
    `    location ~ "^/(v1\\.[0-9]+/)?(${alternatives})$" {`,
    '      limit_except GET {',
    '        deny all;',
    '      }',
    '      proxy_pass http://unix:' + DOCKER_API_PROXY.socket + ':;',
    '      proxy_http_version 1.1;',
    '      proxy_set_header Host docker;',
    '      proxy_set_header Connection "";',
    '      # Events and followed logs are long-lived streams: pass each chunk on at once.',
    '      proxy_buffering off;',
    '      proxy_read_timeout 24h;',
    '      proxy_send_timeout 1m;',
    '    }',
    '',
    '    location / {',
    '      return 403;',
    '    }',
    '',
    '    location @refused {',
    '      default_type application/json;',
    `      return 403 '${DENIED_BODY}\\n';`,
    '    }',
    '  }',
    '}',
    '',
  ];
  return [{ path: DOCKER_API_PROXY.configFile, content: lines.join('\n') }];
}
