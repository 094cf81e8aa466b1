import type { BackupMethod } from '../catalog/types.js';
import type { Stack, StackService } from '../stack/types.js';
import type { RenderedFile } from './types.js';
import { GENERATED_NOTICE } from './types.js';

/** STACK.md: what runs, where to reach it, who may log in, where state lives, what each secret protects. */
export function renderStackDoc(stack: Stack): RenderedFile {
  const sections = [
    `<!-- ${GENERATED_NOTICE} -->`,
    `# ${stack.name}`,
    '',
    `Everything on this page is generated from \`aistack.yaml\` and the aistack catalog, so it matches \`compose.yaml\` and ` +
      `the proxy configuration exactly. Domain: \`${stack.domain}\`. TLS: ${describeTls(stack)}.`,
    '',
    ...servicesSection(stack),
    ...routesSection(stack),
    ...portsSection(stack),
    ...authenticationSection(stack),
    ...volumesSection(stack),
    ...secretsSection(stack),
    ...architectureSection(stack),
    ...notesSection(stack),
  ];
  return {
    path: 'STACK.md',
    content: `${sections
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trimEnd()}\n`,
  };
}

function describeTls(stack: Stack): string {
  switch (stack.tls.mode) {
    case 'self-signed':
      return 'self-signed (a local CA in `.aistack/tls/ca.crt`; import it into your browser or system trust store)';
    case 'files':
      return 'certificate files supplied by you';
    case 'acme':
      return 'ACME (certificates issued and renewed automatically, http-01 through the proxy)';
  }
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const escape = (cell: string): string => cell.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  return [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${row.map(escape).join(' | ')} |`),
    '',
  ];
}

function servicesSection(stack: Stack): string[] {
  return [
    '## Services',
    '',
    ...table(
      ['Service', 'What it is', 'Image', 'Container port', 'Depends on'],
      stack.services.map((service) => [
        `\`${service.id}\``,
        service.job ? `${service.title} (one-shot job)` : service.title,
        `\`${service.image}\``,
        service.port === undefined ? '—' : `\`${service.port}\``,
        service.dependsOn.length === 0 ? '—' : service.dependsOn.map((dependency) => `\`${dependency.service}\``).join(', '),
      ]),
    ),
  ];
}

function routesSection(stack: Stack): string[] {
  const routed = stack.services.filter((service) => service.route);
  return [
    '## URLs',
    '',
    `Everything is served by the \`proxy\` over HTTPS (port \`${stack.proxy.httpsPort}\`); plain HTTP on port \`${stack.proxy.httpPort}\` only redirects.`,
    '',
    ...table(
      ['URL', 'Service', 'WebSocket', 'Streaming', 'Upload limit'],
      routed.map((service) => {
        const route = service.route!;
        return [
          route.url,
          `\`${service.id}\``,
          route.websocket ? 'yes' : 'no',
          route.streaming ? 'yes (unbuffered)' : 'no',
          `${route.uploadMaxMb} MiB`,
        ];
      }),
    ),
    'Services without a URL are reachable only from inside the stack.',
    '',
    ...(stack.proxy.console
      ? [
          `The configuration console: ${stack.proxy.console.url}, forwarded to \`aistack serve\` on the host ` +
            '(the proxy answers 502 while it is not running); its login is the dashboard admin.',
          '',
        ]
      : []),
  ];
}

function portsSection(stack: Stack): string[] {
  const published = [
    ...stack.services.flatMap((service) =>
      service.hostPorts.map((port) => [port.hostIp, String(port.host), service.id, String(port.container)]),
    ),
  ];
  return [
    '## Ports',
    '',
    'Only the proxy publishes ports on the network. Direct ports, when asked for in `aistack.yaml`, are bound to `127.0.0.1`.',
    '',
    ...table(
      ['Host address', 'Host port', 'Service', 'Container port'],
      published.map(([address = '', host = '', service = '', container = '']) => [
        address,
        `\`${host}\``,
        `\`${service}\``,
        `\`${container}\``,
      ]),
    ),
    'The port plan (direct ports are taken from these ranges, in service order):',
    '',
    ...table(
      ['Range', 'For'],
      stack.portPlan.map((range) => [
        range.category === 'proxy' ? `${range.from} and ${range.to}` : `${range.from}–${range.to}`,
        range.description,
      ]),
    ),
  ];
}

function authenticationSection(stack: Stack): string[] {
  const routed = stack.services.filter((service) => service.route);
  return [
    '## Authentication',
    '',
    'Services without a login of their own get HTTP basic auth at the proxy (user `admin`, password in the secret ' +
      '`proxy-basic-auth`). The first visitor of a service with its own login becomes its administrator: open it right after ' +
      '`aistack up`.',
    '',
    ...table(
      ['Service', 'Own login', 'Proxy basic auth', 'Bearer token'],
      routed.map((service) => {
        const route = service.route!;
        return [`\`${service.id}\``, route.ownLogin ? 'yes' : 'no', route.proxyAuth ? 'yes' : 'no', route.bearer ? 'yes' : 'no'];
      }),
    ),
  ];
}

function describeBackup(method: BackupMethod): string {
  switch (method.kind) {
    case 'pg-dump':
      return 'pg_dump per database';
    case 'redis-rdb':
      return 'BGSAVE + RDB copy';
    case 'qdrant-snapshot':
      return 'Qdrant snapshot API';
    case 'volume-tar':
      return method.live ? 'tar of the volume (live)' : 'tar of the volume (service stopped)';
    case 'skip':
      return `not backed up: ${method.reason}`;
  }
}

function volumesSection(stack: Stack): string[] {
  if (stack.volumes.length === 0) return [];
  return [
    '## Volumes',
    '',
    ...table(
      ['Volume', 'Service', 'Path in container', 'Holds', 'Backup'],
      stack.volumes.map((volume) => [
        `\`${volume.name}\``,
        `\`${volume.service}\``,
        `\`${volume.target}\``,
        volume.description,
        describeBackup(volume.backup),
      ]),
    ),
  ];
}

function describeDelivery(stack: Stack, secret: string): string {
  const kinds = new Set<string>();
  for (const service of stack.services) {
    for (const environment of service.secretEnvironment) {
      if (environment.secret !== secret) continue;
      kinds.add(
        environment.delivery === 'file-variable'
          ? `file via \`${environment.fileVariable ?? `${environment.variable}_FILE`}\``
          : `env-only \`${environment.variable}\` (exported from the file at start)`,
      );
    }
  }
  return kinds.size === 0 ? 'file in `/run/secrets`' : [...kinds].sort().join('; ');
}

function secretsSection(stack: Stack): string[] {
  if (stack.secrets.length === 0) return [];
  return [
    '## Secrets',
    '',
    'Generated once into `.aistack/secrets/` (files `0600`, directory `0700`), mounted into containers as files, never ' +
      'written to `compose.yaml` or `.env`. List them with `aistack secrets`; print one with `aistack secrets show NAME`. ' +
      'Secrets marked critical encrypt stored data: losing them makes that data unrecoverable, so keep the backups of ' +
      '`.aistack/` safe.',
    '',
    ...table(
      ['Secret', 'Kind', 'Protects', 'Used by', 'Delivered as'],
      stack.secrets.map((secret) => [
        `\`${secret.name}\`${secret.critical ? ' (critical)' : ''}`,
        secret.kind,
        secret.protects,
        secret.consumers.map((consumer) => `\`${consumer.service}\``).join(', '),
        describeDelivery(stack, secret.name),
      ]),
    ),
  ];
}

function mermaidId(id: string): string {
  return id.replace(/[^a-zA-Z0-9]/g, '_');
}

function architectureSection(stack: Stack): string[] {
  const lines = ['flowchart LR', '  user((user)) -->|HTTPS| proxy'];
  const node = (service: StackService): string => `${mermaidId(service.id)}["${service.id}"]`;
  for (const service of stack.services) {
    if (service.id === 'proxy') continue;
    lines.push(`  ${node(service)}`);
  }
  for (const service of stack.services) {
    if (service.route && service.id !== 'proxy') lines.push(`  proxy --> ${mermaidId(service.id)}`);
  }
  for (const service of stack.services) {
    for (const dependency of service.dependsOn) lines.push(`  ${mermaidId(service.id)} -.-> ${mermaidId(dependency.service)}`);
  }
  return [
    '## Architecture',
    '',
    'Solid arrows are requests through the proxy; dotted arrows are dependencies inside the stack.',
    '',
    '```mermaid',
    ...lines,
    '```',
    '',
  ];
}

function notesSection(stack: Stack): string[] {
  const notes = stack.services.flatMap((service) => service.notes.map((note) => `- \`${service.id}\`: ${note}`));
  if (notes.length === 0) return [];
  return ['## Notes', '', ...notes, ''];
}
