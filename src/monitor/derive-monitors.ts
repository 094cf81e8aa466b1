import type { CustomMonitorSettings } from '../manifest/schema.js';
import type { Stack, StackService } from '../stack/types.js';
import { parseDurationMs } from './duration.js';
import type { MonitorDefinition, ProbeDefinition } from './types.js';

export interface DeriveMonitorsOptions {
  /** Directory holding the secret files (`.aistack/secrets`, or `/run/secrets` in the stack). */
  readonly secretsDirectory: string;
  /** Compose project the containers belong to. @default stack.name */
  readonly composeProject?: string;
  /**
   * Where the monitor reaches a service's port. @default `{ host: <service id>, port }` (the
   * monitor runs on the stack's Docker network). Tests and `aistack serve` on the host map
   * services to loopback ports here.
   */
  readonly addressOf?: (service: string, port: number) => { readonly host: string; readonly port: number };
  /** Separator-free join of the secrets directory and a secret name. @default `${directory}/${name}` */
  readonly joinPath?: (directory: string, name: string) => string;
  /** Days before expiry a certificate is `degraded`. @default 14 */
  readonly certificateWarnDays?: number;
}

const DEFAULT_TIMEOUT_MS = 10_000;
const REDIS_PASSWORD_SECRET = 'redis-password';
const PROXY_SERVICE = 'proxy';

/**
 * Every monitor the stack implies, in a stable order: per service its catalog health probe, its
 * container (state and Docker health) or its job result, the app's own database login, the proxy's
 * certificate; then the custom monitors of aistack.yaml. Pure: reads only its arguments.
 */
export function deriveMonitors(stack: Stack, options: DeriveMonitorsOptions): MonitorDefinition[] {
  const project = options.composeProject ?? stack.name;
  const intervalMs = Math.max(1, stack.monitor.intervalSeconds) * 1000;
  const address = options.addressOf ?? ((service: string, port: number) => ({ host: service, port }));
  const join = options.joinPath ?? ((directory: string, name: string) => `${directory.replace(/\/+$/, '')}/${name}`);
  const secretFile = (name: string): string => join(options.secretsDirectory, name);
  const secretNames = new Set(stack.secrets.map((secret) => secret.name));
  const timeoutMs = Math.min(DEFAULT_TIMEOUT_MS, Math.max(1000, Math.floor(intervalMs / 2)));
  const monitors: MonitorDefinition[] = [];
  const add = (id: string, name: string, service: string | undefined, probe: ProbeDefinition, interval = intervalMs): void => {
    monitors.push({
      id,
      name,
      service,
      probe,
      intervalMs: interval,
      timeoutMs: Math.min(timeoutMs, interval),
      failureThreshold: 2,
      recoveryThreshold: 1,
    });
  };
  const services = [...stack.services].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const service of services) {
    if (service.job) {
      add(`${service.id}:job`, `${service.title} (job)`, service.id, { type: 'job', project, service: service.id });
      continue;
    }
    const probe = healthProbe(service, stack, address, secretFile, secretNames);
    if (probe) add(`${service.id}:${probe.type}`, service.title, service.id, probe);
    add(`${service.id}:container`, `${service.title} container`, service.id, { type: 'container', project, service: service.id });
    if (service.database && service.catalogId !== 'postgres') {
      const postgres = stack.services.find((candidate) => candidate.catalogId === 'postgres');
      if (postgres?.port !== undefined && !(probe?.type === 'postgres')) {
        const target = address(postgres.id, postgres.port);
        add(`${service.id}:postgres`, `${service.title} database login`, service.id, {
          type: 'postgres',
          host: target.host,
          port: target.port,
          database: service.database.database,
          user: service.database.role,
          passwordFile: secretFile(service.database.passwordSecret),
        });
      }
    }
    if (service.id === PROXY_SERVICE) {
      const target = address(service.id, service.port ?? 443);
      add(
        `${service.id}:certificate`,
        'TLS certificate',
        service.id,
        {
          type: 'certificate',
          host: target.host,
          port: target.port,
          serverName: stack.domain,
          warnDays: options.certificateWarnDays ?? 14,
        },
        Math.max(intervalMs, 3_600_000),
      );
    }
  }
  for (const custom of stack.monitor.monitors) {
    const probe = customProbe(custom, options.certificateWarnDays ?? 14);
    const interval = custom.interval ? parseDurationMs(custom.interval) : intervalMs;
    add(`custom:${custom.name}`, custom.name, undefined, probe, interval);
  }
  return monitors;
}

function healthProbe(
  service: StackService,
  stack: Stack,
  address: (service: string, port: number) => { readonly host: string; readonly port: number },
  secretFile: (name: string) => string,
  secretNames: ReadonlySet<string>,
): ProbeDefinition | undefined {
  const probe = service.health?.probe;
  if (!probe || probe.type === 'container' || service.port === undefined) return undefined;
  const target = address(service.id, service.port);
  switch (probe.type) {
    case 'http': {
      const url = `http://${formatHost(target.host)}:${target.port}${probe.path.startsWith('/') ? probe.path : `/${probe.path}`}`;
      return probe.expectStatus === undefined ? { type: 'http', url } : { type: 'http', url, expectStatus: probe.expectStatus };
    }
    case 'tcp':
      return { type: 'tcp', host: target.host, port: target.port };
    case 'postgres': {
      // An app's own role (least privilege: the monitor needs no superuser password), else the superuser.
      const owned = stack.databases[0];
      if (owned)
        return {
          type: 'postgres',
          host: target.host,
          port: target.port,
          database: owned.database,
          user: owned.role,
          passwordFile: secretFile(owned.passwordSecret),
        };
      return {
        type: 'postgres',
        host: target.host,
        port: target.port,
        database: 'postgres',
        user: 'postgres',
        passwordFile: secretFile(`${service.id}-password`),
      };
    }
    case 'redis': {
      const secret = secretNames.has(`${service.id}-password`)
        ? `${service.id}-password`
        : secretNames.has(REDIS_PASSWORD_SECRET)
          ? REDIS_PASSWORD_SECRET
          : undefined;
      return secret
        ? { type: 'redis', host: target.host, port: target.port, passwordFile: secretFile(secret) }
        : { type: 'redis', host: target.host, port: target.port };
    }
  }
}

function customProbe(custom: CustomMonitorSettings, warnDays: number): ProbeDefinition {
  if (custom.type === 'http') {
    return {
      type: 'http',
      url: custom.target,
      ...(custom.expectStatus === undefined ? {} : { expectStatus: custom.expectStatus }),
      ...(custom.bodyContains === undefined ? {} : { bodyContains: custom.bodyContains }),
    };
  }
  const { host, port } = splitHostPort(
    custom.target.replace(/^[a-z]+:\/\//, '').replace(/\/.*$/, ''),
    custom.type === 'certificate' ? 443 : 80,
  );
  return custom.type === 'tcp' ? { type: 'tcp', host, port } : { type: 'certificate', host, port, serverName: host, warnDays };
}

function splitHostPort(target: string, defaultPort: number): { host: string; port: number } {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(target);
  if (bracketed) return { host: bracketed[1] ?? '', port: bracketed[2] ? Number(bracketed[2]) : defaultPort };
  const colon = target.lastIndexOf(':');
  if (colon > 0 && /^\d+$/.test(target.slice(colon + 1))) return { host: target.slice(0, colon), port: Number(target.slice(colon + 1)) };
  return { host: target, port: defaultPort };
}

function formatHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}
