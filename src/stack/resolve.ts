import { closest } from 'fastest-levenshtein';
import { defaultPublicUrl, publicOrigin } from '../catalog/public-url.js';
import { shellQuote } from '../catalog/shell-quote.js';
import type { CatalogEntry, CatalogHealth, WiringContext } from '../catalog/types.js';
import { StackError } from '../errors.js';
import type { SourceLocation } from '../errors.js';
import type { Locate } from '../manifest/locate.js';
import type { CatalogServiceSettings, CustomService, Manifest, ResourceSettings } from '../manifest/schema.js';
import { REDIS_PASSWORD_SECRET } from '../catalog/shared-secrets.js';
import { RELATIVE_PATHS } from '../project/paths.js';
import { findCycle } from './dependency-graph.js';
import { resolveImage } from './image.js';
import { planPorts, PORT_PLAN } from './port-plan.js';
import { PROXY_SESSION_SECRETS, proxySessionSecrets } from './proxy-session.js';
import type { PortRequest } from './port-plan.js';
import type {
  SecretEnvironment,
  Stack,
  StackDatabase,
  StackDependency,
  StackRoute,
  StackSecret,
  StackService,
  StackVolume,
} from './types.js';

/** Services aistack adds to every stack. */
export const INFRASTRUCTURE = { proxy: 'proxy', monitor: 'monitor', socketProxy: 'docker-socket-proxy' } as const;
/** The htpasswd secret the proxy uses for every route without a login of its own. */
export const PROXY_AUTH_SECRET = 'proxy-basic-auth';
const POSTGRES = 'postgres';
const REDIS = 'redis';
const REDIS_PORT = 6379;
const DEFAULT_RESOURCES = { memoryMb: 512, cpus: 1, pids: 512 } as const;
const DEFAULT_START_TIMEOUT = 180;

export interface ResolveOptions {
  /** Positions in aistack.yaml for errors; without it errors carry no location. */
  readonly locate?: Locate;
}

/** Manifest + catalog → Stack: every service, port, route, secret, volume and dependency decided. Pure. */
export function resolveStack(manifest: Manifest, catalog: readonly CatalogEntry[], options: ResolveOptions = {}): Stack {
  const locate = (path: readonly (string | number)[]): SourceLocation | undefined => options.locate?.(path);
  const byId = new Map(catalog.map((entry) => [entry.id, entry]));
  const custom = manifest.custom ?? {};

  for (const id of Object.keys(manifest.services)) {
    if (!byId.has(id)) {
      const suggestion = closest(id, [...byId.keys()]);
      throw new StackError('AIS_STACK_UNKNOWN_SERVICE', `unknown service "${id}"; did you mean "${suggestion}"?`, {
        hint: 'run `aistack services` to list the catalog, or declare it under `custom:`',
        ...withLocation(locate(['services', id])),
      });
    }
  }
  for (const id of Object.keys(custom)) {
    if (byId.has(id)) {
      throw new StackError('AIS_STACK_ID_CLASH', `custom service "${id}" has the id of a catalog service`, {
        hint: `rename it, or enable the catalog one under services: ${id}`,
        ...withLocation(locate(['custom', id])),
      });
    }
  }

  const enabled = expandRequirements(manifest, byId);
  const customIds = Object.keys(custom).sort();
  const allIds = new Set([...enabled, ...customIds]);

  // Soft dependencies: custom dependsOn must name something that exists.
  for (const id of customIds) {
    (custom[id]?.dependsOn ?? []).forEach((dependency, index) => {
      if (!allIds.has(dependency)) {
        const suggestion = closest(dependency, [...allIds]);
        throw new StackError(
          'AIS_STACK_UNKNOWN_DEPENDENCY',
          `custom service "${id}" depends on unknown service "${dependency}"; did you mean "${suggestion}"?`,
          {
            hint: 'name a service that is enabled under services: or declared under custom:',
            ...withLocation(locate(['custom', id, 'dependsOn', index])),
          },
        );
      }
    });
    if (custom[id]?.postgres && !allIds.has(POSTGRES)) allIds.add(POSTGRES);
    if (custom[id]?.redis && !allIds.has(REDIS)) allIds.add(REDIS);
  }
  if (customIds.some((id) => custom[id]?.postgres)) enabled.add(POSTGRES);
  if (customIds.some((id) => custom[id]?.redis)) enabled.add(REDIS);

  const databases = planDatabases(enabled, byId, custom);
  const routes = planRoutes(manifest, enabled, byId, custom, locate);
  const ports = planDirectPorts(manifest, enabled, byId, custom, locate);

  const secretUse = new Map<string, SecretUse>();
  const useSecret: UseSecret = (name, service, description, owner = false, reads = 'at-start') => {
    const known: SecretUse = secretUse.get(name) ?? { ...description, owned: false, consumers: new Map() };
    secretUse.set(name, known);
    const consumer = known.consumers.get(service);
    // A service that reads it once at start anywhere must be restarted by a rotation.
    known.consumers.set(service, {
      owner: owner || (consumer?.owner ?? false),
      reads: consumer && (consumer.reads === 'at-start' || reads === 'at-start') ? 'at-start' : reads,
    });
    // The entry that declares a secret decides its kind and description, whoever reads it first.
    if (owner && !known.owned) Object.assign(known, description, { owned: true });
  };

  const internalUrl = (id: string): string | undefined => {
    if (!allIds.has(id)) return undefined;
    const entry = byId.get(id);
    const port = entry?.port ?? custom[id]?.port;
    return port === undefined ? undefined : `http://${id}:${port}`;
  };

  const services: StackService[] = [];
  for (const id of [...enabled].sort()) {
    const entry = byId.get(id);
    if (!entry) continue;
    services.push(
      resolveCatalogService(entry, manifest, {
        settings: manifest.services[id] ?? {},
        allIds,
        databases,
        route: routes.get(id),
        directPort: ports.get(id),
        internalUrl,
        publicUrlOf: (other) => routes.get(other)?.url.replace(/\/$/, ''),
        useSecret,
        locate,
      }),
    );
  }
  for (const id of customIds) {
    const settings = custom[id];
    if (!settings) continue;
    services.push(resolveCustomService(id, settings, manifest, { databases, route: routes.get(id), directPort: ports.get(id), useSecret }));
  }

  // Every database role's password is read by PostgreSQL's init script too.
  if (databases.length > 0) {
    for (const database of databases) {
      useSecret(
        database.passwordSecret,
        POSTGRES,
        {
          kind: 'password',
          protects: `the PostgreSQL role "${database.role}" (database "${database.database}") used by ${database.service}`,
          critical: false,
          live: { kind: 'postgres-role', service: POSTGRES, role: database.role },
        },
        true,
      );
    }
  }
  if ([...routes.values()].some((route) => route.proxyAuth)) {
    const bearer = [...routes.values()].some((route) => route.proxyAuth && route.bearer);
    // nginx opens the htpasswd file for every request, but reads the bearer-key map with its configuration.
    useSecret(
      PROXY_AUTH_SECRET,
      INFRASTRUCTURE.proxy,
      {
        kind: 'htpasswd',
        protects: 'proxy basic auth (user "admin") in front of every route without a login of its own',
        critical: false,
        ...(bearer ? { bearer } : {}),
      },
      true,
      bearer ? 'at-start' : 'per-use',
    );
    // nginx reads the session maps with its configuration: a rotation restarts (reloads) the proxy.
    for (const { name, ...description } of proxySessionSecrets()) useSecret(name, INFRASTRUCTURE.proxy, description, true, 'at-start');
  }

  const finalServices = finalizeServices(services, databases, routes, useSecret);
  assertNoCycle(finalServices, locate);

  const secrets: StackSecret[] = [...secretUse.entries()]
    .map(([name, use]) => ({
      name,
      kind: use.kind,
      protects: use.protects,
      critical: use.critical,
      consumers: [...use.consumers.entries()]
        .map(([service, consumer]) => ({
          service,
          owner: consumer.owner,
          // Only the owner holds a credential it can change live; a client reads it like any other file.
          reads: consumer.owner && use.live ? ('live' as const) : consumer.reads,
        }))
        .sort((a, b) => a.service.localeCompare(b.service)),
      ...(use.live ? { live: use.live } : {}),
      ...(use.bearer ? { bearer: true } : {}),
      ...(use.derive ? { derive: use.derive } : {}),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
  const volumes = finalServices.flatMap((service) => service.volumes).sort((a, b) => a.name.localeCompare(b.name));

  return deepFreeze({
    name: manifest.name,
    domain: manifest.domain,
    services: finalServices.sort((a, b) => a.id.localeCompare(b.id)),
    secrets,
    volumes,
    databases,
    tls: manifest.tls,
    proxy: {
      httpPort: manifest.proxy?.httpPort ?? 80,
      httpsPort: manifest.proxy?.httpsPort ?? 443,
      bind: manifest.proxy?.bind ?? '0.0.0.0',
    },
    portPlan: PORT_PLAN,
    monitor: {
      enabled: manifest.monitor?.enabled ?? true,
      intervalSeconds: parseDurationSeconds(manifest.monitor?.interval ?? '30s'),
      retentionDays: Math.max(1, Math.round(parseDurationSeconds(manifest.monitor?.retention ?? '365d') / 86_400)),
    },
    manifest,
  });
}

interface SecretUse {
  kind: StackSecret['kind'];
  protects: string;
  critical: boolean;
  derive?: StackSecret['derive'];
  live?: StackSecret['live'];
  bearer?: boolean;
  owned: boolean;
  consumers: Map<string, { owner: boolean; reads: 'at-start' | 'per-use' }>;
}

type SecretDescription = Omit<StackSecret, 'name' | 'consumers'>;
/**
 * Record that `service` reads secret `name`, and when (`reads`, default at start); `owner` marks the
 * declaring entry (the server that checks it, for database and Redis passwords).
 */
type UseSecret = (name: string, service: string, description: SecretDescription, owner?: boolean, reads?: 'at-start' | 'per-use') => void;

function withLocation(location: SourceLocation | undefined): { location?: SourceLocation } {
  return location ? { location } : {};
}

/** The enabled catalog ids: what the user named, what those require (transitively), and the infrastructure. */
function expandRequirements(manifest: Manifest, byId: ReadonlyMap<string, CatalogEntry>): Set<string> {
  const enabled = new Set<string>();
  const add = (id: string): void => {
    if (enabled.has(id)) return;
    const entry = byId.get(id);
    if (!entry) return;
    enabled.add(id);
    entry.requires.forEach(add);
  };
  Object.keys(manifest.services).forEach(add);
  add(INFRASTRUCTURE.proxy);
  if (manifest.monitor?.enabled ?? true) add(INFRASTRUCTURE.monitor);
  return enabled;
}

function planDatabases(
  enabled: ReadonlySet<string>,
  byId: ReadonlyMap<string, CatalogEntry>,
  custom: Readonly<Record<string, CustomService>>,
): StackDatabase[] {
  const databases: StackDatabase[] = [];
  for (const id of [...enabled].sort()) {
    const database = byId.get(id)?.database;
    if (database) databases.push({ ...database, passwordSecret: `postgres-${database.role}-password`, service: id });
  }
  for (const id of Object.keys(custom).sort()) {
    if (!custom[id]?.postgres) continue;
    const name = id.replace(/-/g, '_');
    databases.push({ database: name, role: name, passwordSecret: `postgres-${name}-password`, service: id });
  }
  return databases;
}

function planRoutes(
  manifest: Manifest,
  enabled: ReadonlySet<string>,
  byId: ReadonlyMap<string, CatalogEntry>,
  custom: Readonly<Record<string, CustomService>>,
  locate: (path: readonly (string | number)[]) => SourceLocation | undefined,
): Map<string, StackRoute> {
  const routes = new Map<string, StackRoute>();
  const owners = new Map<string, string>();
  const site: RouteSite = { domain: manifest.domain, httpsPort: manifest.proxy?.httpsPort ?? 443 };
  const add = (id: string, route: StackRoute, path: readonly (string | number)[]): void => {
    const key = `${route.host}${route.path}`;
    const owner = owners.get(key);
    if (owner) {
      throw new StackError('AIS_STACK_ROUTE_CLASH', `services "${owner}" and "${id}" both route to ${route.url}`, {
        hint: `give one of them another subdomain: services.${id}.route.subdomain`,
        ...withLocation(locate(path)),
      });
    }
    owners.set(key, id);
    routes.set(id, route);
  };

  for (const id of [...enabled].sort()) {
    const entry = byId.get(id);
    if (!entry?.route) continue;
    const settings = manifest.services[id]?.route ?? {};
    if (settings.disabled) continue;
    if (settings.path !== undefined && !entry.route.subPath) {
      throw new StackError(
        'AIS_STACK_SUBPATH_UNSUPPORTED',
        `${entry.title} cannot be served under a sub-path (${settings.path}); it needs its own subdomain`,
        {
          hint: `remove services.${id}.route.path, or set services.${id}.route.subdomain`,
          ...withLocation(locate(['services', id, 'route', 'path'])),
        },
      );
    }
    const proxyAuth = settings.auth === 'basic' || (settings.auth !== 'none' && !entry.route.ownLogin);
    add(
      id,
      buildRoute(site, settings.subdomain ?? entry.route.subdomain, settings.path, {
        upstreamPort: entry.port,
        proxyAuth,
        ownLogin: entry.route.ownLogin,
        websocket: entry.route.websocket,
        streaming: entry.route.streaming,
        uploadMaxMb: settings.uploadMaxMb ?? entry.route.uploadMaxMb,
        readTimeoutSeconds: entry.route.readTimeoutSeconds,
        bearer: entry.route.bearer ?? false,
        ...(entry.route.locations ? { locations: entry.route.locations } : {}),
      }),
      ['services', id, 'route'],
    );
  }
  for (const id of Object.keys(custom).sort()) {
    const settings = custom[id];
    if (!settings?.route || settings.route.disabled || settings.port === undefined) continue;
    const ownLogin = settings.ownLogin ?? false;
    const proxyAuth = settings.route.auth === 'basic' || (settings.route.auth !== 'none' && !ownLogin);
    add(
      id,
      buildRoute(site, settings.route.subdomain ?? id, settings.route.path, {
        upstreamPort: settings.port,
        proxyAuth,
        ownLogin,
        websocket: settings.websocket ?? false,
        streaming: settings.streaming ?? false,
        uploadMaxMb: settings.route.uploadMaxMb ?? 10,
        readTimeoutSeconds: settings.streaming ? 3600 : 60,
        bearer: false,
      }),
      ['custom', id, 'route'],
    );
  }
  return routes;
}

/** Where routes live: the domain, and the proxy's public HTTPS port (part of every URL when not 443). */
interface RouteSite {
  readonly domain: string;
  readonly httpsPort: number;
}

function buildRoute(
  { domain, httpsPort }: RouteSite,
  subdomain: string,
  path: string | undefined,
  rest: Omit<StackRoute, 'host' | 'path' | 'url' | 'htpasswdSecret' | 'locations'> & Pick<StackRoute, 'locations'>,
): StackRoute {
  const host = path === undefined ? `${subdomain}.${domain}` : domain;
  const routePath = path === undefined ? '/' : `${path.replace(/\/+$/, '')}/`;
  return {
    host,
    path: routePath,
    url: `${publicOrigin(host, httpsPort)}${routePath}`,
    ...rest,
    ...(rest.proxyAuth ? { htpasswdSecret: PROXY_AUTH_SECRET } : {}),
  };
}

function planDirectPorts(
  manifest: Manifest,
  enabled: ReadonlySet<string>,
  byId: ReadonlyMap<string, CatalogEntry>,
  custom: Readonly<Record<string, CustomService>>,
  locate: (path: readonly (string | number)[]) => SourceLocation | undefined,
): Map<string, number> {
  const requests: PortRequest[] = [];
  const paths = new Map<string, readonly string[]>();
  for (const id of [...enabled].sort()) {
    const directPort = manifest.services[id]?.directPort;
    const entry = byId.get(id);
    if (!entry || directPort === undefined || directPort === false) continue;
    requests.push({ service: id, category: entry.category, port: typeof directPort === 'number' ? directPort : undefined });
    paths.set(id, ['services', id, 'directPort']);
  }
  for (const id of Object.keys(custom).sort()) {
    const directPort = custom[id]?.directPort;
    if (directPort === undefined || directPort === false) continue;
    if (custom[id]?.port === undefined) {
      throw new StackError('AIS_STACK_NO_PORT', `custom service "${id}" asks for a direct port but declares no container port`, {
        hint: `add custom.${id}.port`,
        ...withLocation(locate(['custom', id, 'directPort'])),
      });
    }
    requests.push({ service: id, category: 'custom', port: typeof directPort === 'number' ? directPort : undefined });
    paths.set(id, ['custom', id, 'directPort']);
  }
  const httpPort = manifest.proxy?.httpPort ?? 80;
  const httpsPort = manifest.proxy?.httpsPort ?? 443;
  if (httpPort === httpsPort) {
    throw new StackError('AIS_STACK_PORT_CONFLICT', `proxy.httpPort and proxy.httpsPort are both ${httpPort}`, {
      hint: 'give HTTP and HTTPS different ports (80 and 443 by default)',
      ...withLocation(locate(['proxy', 'httpsPort'])),
    });
  }
  const reserved = new Map<number, string>([
    [httpPort, 'the proxy (HTTP)'],
    [httpsPort, 'the proxy (HTTPS)'],
  ]);
  const { assignments, conflicts } = planPorts(requests, reserved);
  const conflict = conflicts[0];
  if (conflict) {
    throw new StackError(
      'AIS_STACK_PORT_CONFLICT',
      `direct port ${conflict.port} of "${conflict.service}" is already taken by ${conflict.takenBy}`,
      {
        hint: 'pick another port, or use `directPort: true` to take one from the port plan (docs/ports in STACK.md)',
        ...withLocation(locate(paths.get(conflict.service) ?? [])),
      },
    );
  }
  return new Map(assignments.map((assignment) => [assignment.service, assignment.port]));
}

interface CatalogServiceContext {
  readonly settings: CatalogServiceSettings;
  readonly allIds: ReadonlySet<string>;
  readonly databases: readonly StackDatabase[];
  readonly route: StackRoute | undefined;
  readonly directPort: number | undefined;
  readonly internalUrl: (id: string) => string | undefined;
  readonly publicUrlOf: (id: string) => string | undefined;
  readonly useSecret: UseSecret;
  readonly locate: (path: readonly (string | number)[]) => SourceLocation | undefined;
}

function resolveCatalogService(entry: CatalogEntry, manifest: Manifest, context: CatalogServiceContext): StackService {
  const { settings } = context;
  const id = entry.id;
  if (settings.gpu && !entry.gpu) {
    throw new StackError('AIS_STACK_GPU_UNSUPPORTED', `${entry.title} cannot use a GPU`, {
      hint: `remove services.${id}.gpu`,
      ...withLocation(context.locate(['services', id, 'gpu'])),
    });
  }
  const database = context.databases.find((candidate) => candidate.service === id);
  const secretPath = (name: string): string => `/run/secrets/${name}`;
  const wiringContext: WiringContext = {
    serviceId: id,
    domain: manifest.domain,
    httpsPort: manifest.proxy?.httpsPort ?? 443,
    publicUrl:
      context.route?.url.replace(/\/$/, '') ?? defaultPublicUrl(entry.route?.subdomain ?? id, manifest.domain, manifest.proxy?.httpsPort),
    enabled: context.allIds,
    internalUrl: context.internalUrl,
    publicUrlOf: context.publicUrlOf,
    database: database ? { database: database.database, role: database.role, host: POSTGRES, port: 5432 } : undefined,
    secretPath,
  };
  const wiring = entry.wire?.(wiringContext) ?? {};

  const secretEnvironment: SecretEnvironment[] = [];
  const mounted = new Set<string>();
  for (const secret of entry.secrets) {
    const name = secret.sameAs ?? `${id}-${secret.name}`;
    const live = secret.live ? { ...secret.live, service: id } : undefined;
    context.useSecret(
      name,
      id,
      {
        kind: secret.kind,
        protects: secret.protects,
        critical: secret.critical ?? false,
        ...(secret.derive ? { derive: secret.derive } : {}),
        ...(live ? { live } : {}),
      },
      secret.sameAs === undefined,
      secret.reads,
    );
    mounted.add(name);
    if (secret.variable) {
      secretEnvironment.push({
        variable: secret.variable,
        secret: name,
        delivery: secret.delivery,
        ...(secret.delivery === 'file-variable' ? { fileVariable: secret.fileVariable ?? `${secret.variable}_FILE` } : {}),
      });
    }
  }
  for (const extra of wiring.secretEnv ?? []) {
    mounted.add(extra.secret);
    secretEnvironment.push({
      ...extra,
      ...(extra.delivery === 'file-variable' && !extra.fileVariable ? { fileVariable: `${extra.variable}_FILE` } : {}),
    });
    const owner = context.databases.find((candidate) => candidate.passwordSecret === extra.secret);
    context.useSecret(
      extra.secret,
      id,
      {
        kind: 'password',
        protects: owner
          ? `the PostgreSQL role "${owner.role}" (database "${owner.database}") used by ${owner.service}`
          : `a credential ${id} reads`,
        critical: false,
      },
      false,
      extra.reads,
    );
  }

  const dependsOn: StackDependency[] = [];
  // The condition is decided in finalizeServices, once every service is known (jobs, health checks).
  for (const required of entry.requires) dependsOn.push({ service: required, condition: 'service_healthy', required: true });
  for (const used of wiring.uses ?? []) {
    if (context.allIds.has(used) && !entry.requires.includes(used) && used !== id)
      dependsOn.push({ service: used, condition: 'service_healthy', required: false });
  }

  const volumes: StackVolume[] = entry.volumes
    .filter((volume) => volume.sameAs === undefined)
    .map((volume) => ({
      name: `${id}-${volume.name}`,
      service: id,
      target: volume.target,
      backup: volume.name === 'models' && manifest.backup?.includeModels ? { kind: 'volume-tar', live: true } : volume.backup,
      description: volume.description,
    }));
  const sharedVolumes = entry.volumes.flatMap((volume) =>
    volume.sameAs === undefined ? [] : [{ name: volume.sameAs, target: volume.target }],
  );
  const hostMounts = (entry.hostMounts ?? []).map((mount) => ({ source: mount.source, target: mount.target, readOnly: mount.readOnly }));

  const environment = sortRecord({ ...entry.environment, ...(wiring.environment ?? {}), ...(settings.env ?? {}) });
  const hostPorts =
    id === INFRASTRUCTURE.proxy
      ? proxyHostPorts(manifest)
      : context.directPort === undefined || entry.port === undefined
        ? []
        : [{ hostIp: '127.0.0.1', host: context.directPort, container: entry.port, protocol: 'tcp' as const }];

  return {
    id,
    catalogId: id,
    title: entry.title,
    category: entry.category,
    description: entry.description,
    image: resolveImage(entry, settings.image, manifest.images),
    upstreamImage: `${entry.image.repository}:${entry.image.tag}`,
    job: entry.job ?? false,
    command: entry.command,
    entrypoint: entry.entrypoint,
    user: entry.user,
    shell: entry.shell,
    environment,
    secretEnvironment: secretEnvironment.sort((a, b) => a.variable.localeCompare(b.variable)),
    secrets: [...mounted].sort(),
    volumes,
    sharedVolumes,
    files: hostMounts,
    networks: [...entry.networks].sort(),
    dependsOn: uniqueDependencies(dependsOn),
    health: entry.job ? undefined : entry.health,
    port: entry.port,
    protocol: entry.protocol,
    hostPorts,
    route: context.route,
    resources: mergeResources(entry.resources, settings.resources, manifest.resources?.defaults),
    gpu: settings.gpu ?? false,
    replicas: settings.replicas ?? 1,
    restart: entry.job ? 'on-failure' : 'unless-stopped',
    startTimeout: settings.startTimeout ?? DEFAULT_START_TIMEOUT,
    database,
    infrastructure: entry.category === 'infrastructure',
    notes: entry.notes ?? [],
    ignoredFileVariables: entry.ignoredFileVariables ?? [],
  };
}

/** The proxy is the one service that publishes on the network: HTTP (redirects, ACME) and HTTPS. */
function proxyHostPorts(manifest: Manifest): StackService['hostPorts'] {
  const bind = manifest.proxy?.bind ?? '0.0.0.0';
  return [
    { hostIp: bind, host: manifest.proxy?.httpPort ?? 80, container: 80, protocol: 'tcp' },
    { hostIp: bind, host: manifest.proxy?.httpsPort ?? 443, container: 443, protocol: 'tcp' },
  ];
}

function uniqueDependencies(dependencies: readonly StackDependency[]): StackDependency[] {
  const seen = new Map<string, StackDependency>();
  for (const dependency of dependencies) {
    const known = seen.get(dependency.service);
    if (!known || (dependency.required && !known.required)) seen.set(dependency.service, dependency);
  }
  return [...seen.values()].sort((a, b) => a.service.localeCompare(b.service));
}

interface CustomServiceContext {
  readonly databases: readonly StackDatabase[];
  readonly route: StackRoute | undefined;
  readonly directPort: number | undefined;
  readonly useSecret: UseSecret;
}

function resolveCustomService(id: string, settings: CustomService, manifest: Manifest, context: CustomServiceContext): StackService {
  const database = context.databases.find((candidate) => candidate.service === id);
  const dependsOn: StackDependency[] = (settings.dependsOn ?? []).map((dependency) => ({
    service: dependency,
    condition: 'service_healthy',
    required: true,
  }));
  if (database) dependsOn.push({ service: POSTGRES, condition: 'service_healthy', required: true });
  if (settings.redis) dependsOn.push({ service: REDIS, condition: 'service_healthy', required: true });
  const reads = settings.readsSecrets ?? 'at-start';
  const secretEnvironment: SecretEnvironment[] = [];
  const environment: Record<string, string> = { ...(settings.env ?? {}) };
  if (database) {
    secretEnvironment.push({
      variable: 'DATABASE_PASSWORD',
      secret: database.passwordSecret,
      delivery: 'file-variable',
      fileVariable: 'DATABASE_PASSWORD_FILE',
    });
    Object.assign(environment, {
      DATABASE_HOST: POSTGRES,
      DATABASE_PORT: '5432',
      DATABASE_NAME: database.database,
      DATABASE_USER: database.role,
    });
    context.useSecret(
      database.passwordSecret,
      id,
      {
        kind: 'password',
        protects: `the PostgreSQL role "${database.role}" (database "${database.database}") used by ${id}`,
        critical: false,
      },
      false,
      reads,
    );
  }
  if (settings.redis) {
    secretEnvironment.push({
      variable: 'REDIS_PASSWORD',
      secret: REDIS_PASSWORD_SECRET,
      delivery: 'file-variable',
      fileVariable: 'REDIS_PASSWORD_FILE',
    });
    Object.assign(environment, { REDIS_HOST: REDIS, REDIS_PORT: String(REDIS_PORT) });
    context.useSecret(REDIS_PASSWORD_SECRET, id, { kind: 'password', protects: `a credential ${id} reads`, critical: false }, false, reads);
  }
  const volumes: StackVolume[] = (settings.volumes ?? []).map((volume) => ({
    name: `${id}-${volume.name}`,
    service: id,
    target: volume.target,
    backup:
      volume.backup === 'skip'
        ? { kind: 'skip', reason: 'marked skip in aistack.yaml' }
        : { kind: 'volume-tar', live: volume.backup !== 'tar-stopped' },
    description: `custom volume ${volume.name}`,
  }));
  const hostPorts =
    context.directPort === undefined || settings.port === undefined
      ? []
      : [{ hostIp: '127.0.0.1', host: context.directPort, container: settings.port, protocol: 'tcp' as const }];
  return {
    id,
    catalogId: undefined,
    title: id,
    category: 'custom',
    description: `custom service (${settings.image})`,
    image: manifest.images?.overrides?.[id] ?? settings.image,
    upstreamImage: settings.image,
    job: settings.job ?? false,
    command: settings.command,
    entrypoint: undefined,
    user: settings.user,
    shell: undefined,
    environment: sortRecord(environment),
    secretEnvironment,
    secrets: secretEnvironment.map((secret) => secret.secret).sort(),
    volumes,
    sharedVolumes: [],
    files: [],
    networks: settings.route ? ['edge', 'internal'] : ['internal'],
    dependsOn: uniqueDependencies(dependsOn),
    health: settings.job ? undefined : customHealth(settings),
    port: settings.port,
    protocol: 'http',
    hostPorts,
    route: context.route,
    resources: mergeResources(undefined, settings.resources, manifest.resources?.defaults),
    gpu: false,
    replicas: settings.replicas ?? 1,
    restart: settings.job ? 'on-failure' : 'unless-stopped',
    startTimeout: settings.startTimeout ?? DEFAULT_START_TIMEOUT,
    database,
    infrastructure: false,
    notes: [],
    ignoredFileVariables: [],
  };
}

/** Health checks for custom images: we do not know their binaries, so try the common ones. */
function customHealth(settings: CustomService): CatalogHealth | undefined {
  const health = settings.health;
  if (!health) return undefined;
  if ('command' in health)
    return { test: ['CMD', ...health.command], probe: settings.port === undefined ? { type: 'tcp' } : { type: 'tcp' } };
  const port = settings.port ?? 80;
  if ('tcp' in health) {
    return { test: ['CMD-SHELL', `nc -z 127.0.0.1 ${port} || (echo > /dev/tcp/127.0.0.1/${port}) 2>/dev/null`], probe: { type: 'tcp' } };
  }
  // The schema allows URL characters only, and the URL is quoted: & ; $ ( ) stay part of it.
  const url = shellQuote(`http://127.0.0.1:${port}${health.http}`);
  return {
    test: ['CMD-SHELL', `wget -q -O /dev/null ${url} || curl -fsS -o /dev/null ${url}`],
    probe: { type: 'http', path: health.http, ...(health.expectStatus === undefined ? {} : { expectStatus: health.expectStatus }) },
  };
}

/**
 * The last decisions that need the whole stack: what the proxy, PostgreSQL and the monitor mount,
 * which condition each dependency waits for, and which networks let a direct port publish.
 */
function finalizeServices(
  services: readonly StackService[],
  databases: readonly StackDatabase[],
  routes: ReadonlyMap<string, StackRoute>,
  useSecret: UseSecret,
): StackService[] {
  const byId = new Map(services.map((service) => [service.id, service]));
  const proxyAuth = [...routes.values()].some((route) => route.proxyAuth);
  const bearer = [...routes.values()].some((route) => route.proxyAuth && route.bearer);
  const redis = byId.get('redis');
  return services.map((service) => {
    let next: StackService = {
      ...service,
      // A dependency on a job waits for it to finish; on a service without a health check, for it to start.
      dependsOn: service.dependsOn.map((dependency) => {
        const target = byId.get(dependency.service);
        const condition = target?.job ? 'service_completed_successfully' : target?.health ? 'service_healthy' : 'service_started';
        return { ...dependency, condition };
      }),
      // Docker publishes no port of a container that is only on an internal network.
      networks:
        service.hostPorts.length > 0 && !service.networks.includes('edge')
          ? [...service.networks, 'edge' as const].sort()
          : service.networks,
    };
    if (service.id === POSTGRES && databases.length > 0) {
      next = {
        ...next,
        secrets: uniqueSorted([...next.secrets, ...databases.map((database) => database.passwordSecret)]),
        files: [...next.files, { source: RELATIVE_PATHS.postgresInit, target: '/docker-entrypoint-initdb.d' }],
      };
    }
    if (service.id === INFRASTRUCTURE.proxy) {
      next = {
        ...next,
        secrets: uniqueSorted([
          ...next.secrets,
          ...(proxyAuth ? [PROXY_AUTH_SECRET, ...Object.values(PROXY_SESSION_SECRETS)] : []),
          ...(bearer ? [proxyBearerSecret(PROXY_AUTH_SECRET)] : []),
        ]),
        files: [
          ...next.files,
          { source: `${RELATIVE_PATHS.proxy}/nginx.conf`, target: '/etc/nginx/nginx.conf' },
          { source: RELATIVE_PATHS.proxy, target: '/etc/nginx/aistack' },
          // Only the served certificate and key: the local CA's key stays on the host.
          { source: `${RELATIVE_PATHS.tls}/live`, target: '/etc/nginx/tls/live' },
          { source: `${RELATIVE_PATHS.tls}/acme-challenge`, target: '/var/www/acme' },
        ],
      };
    }
    if (service.id === INFRASTRUCTURE.socketProxy) {
      // The rendered allowlist (src/render/docker-api-proxy.ts) is the whole nginx configuration.
      next = { ...next, files: [...next.files, { source: `${RELATIVE_PATHS.socketProxy}/nginx.conf`, target: '/etc/nginx/nginx.conf' }] };
    }
    if (service.id === INFRASTRUCTURE.monitor) {
      // The monitor logs in as each app (least privilege) and to Redis to probe them.
      const probeSecrets = [...databases.map((database) => database.passwordSecret), ...(redis ? redis.secrets : [])];
      // Each probe reads the file (src/monitor/create-monitor-engine.ts notices a replaced file).
      for (const secret of probeSecrets)
        useSecret(
          secret,
          service.id,
          { kind: 'password', protects: `a credential ${service.id} reads`, critical: false },
          false,
          'per-use',
        );
      next = {
        ...next,
        secrets: uniqueSorted([...next.secrets, ...probeSecrets]),
        files: [...next.files, { source: RELATIVE_PATHS.manifest, target: '/project/aistack.yaml' }],
      };
    }
    return next;
  });
}

/** The compose secret that carries an htpasswd secret's bearer-key map for nginx (`<name>.bearer`). */
export function proxyBearerSecret(htpasswdSecret: string): string {
  return `${htpasswdSecret}-bearer`;
}

function uniqueSorted(values: readonly string[]): string[] {
  return [...new Set(values)].sort();
}

function assertNoCycle(
  services: readonly StackService[],
  locate: (path: readonly (string | number)[]) => SourceLocation | undefined,
): void {
  const edges = new Map(services.map((service) => [service.id, service.dependsOn.map((dependency) => dependency.service)]));
  const cycle = findCycle(edges);
  if (!cycle) return;
  const customInCycle = cycle.find((id) => services.find((service) => service.id === id)?.catalogId === undefined) ?? cycle[0] ?? '';
  throw new StackError('AIS_STACK_CYCLE', `dependency cycle: ${cycle.join(' → ')}`, {
    hint: 'remove one of these dependsOn entries; services cannot wait for each other',
    ...withLocation(locate(['custom', customInCycle, 'dependsOn'])),
  });
}

/**
 * Each limit, field by field: the service's own override, then `resources.defaults` (which the
 * user wrote for every service, so it beats the catalog), then the catalog, then our fallback.
 */
function mergeResources(
  catalog: { memoryMb: number; cpus: number; pids?: number } | undefined,
  override: ResourceSettings | undefined,
  defaults: ResourceSettings | undefined,
): StackService['resources'] {
  return {
    memoryMb: parseMemoryMb(override?.memory) ?? parseMemoryMb(defaults?.memory) ?? catalog?.memoryMb ?? DEFAULT_RESOURCES.memoryMb,
    cpus: override?.cpus ?? defaults?.cpus ?? catalog?.cpus ?? DEFAULT_RESOURCES.cpus,
    pids: override?.pids ?? defaults?.pids ?? catalog?.pids ?? DEFAULT_RESOURCES.pids,
  };
}

/** `512m` → 512, `2g` → 2048, `1024k` → 1. */
export function parseMemoryMb(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const match = /^(\d+(?:\.\d+)?)([kmg])$/i.exec(value);
  if (!match) return undefined;
  const amount = Number(match[1]);
  const unit = match[2]?.toLowerCase();
  return Math.max(1, Math.round(unit === 'g' ? amount * 1024 : unit === 'k' ? amount / 1024 : amount));
}

/** `30s` → 30, `5m` → 300, `2h` → 7200, `365d` → 31536000. */
export function parseDurationSeconds(value: string): number {
  const match = /^(\d+)([smhd])$/.exec(value);
  if (!match) throw new StackError('AIS_STACK_DURATION', `"${value}" is not a duration such as 30s, 5m, 2h or 7d`);
  const factor = { s: 1, m: 60, h: 3600, d: 86_400 }[match[2] as 's' | 'm' | 'h' | 'd'];
  return Number(match[1]) * factor;
}

function sortRecord(record: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value as Record<string, unknown>)) deepFreeze(child);
  }
  return value;
}
