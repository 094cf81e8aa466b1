import { POSTGRES_VECTOR_IMAGE } from '../../catalog/postgres.js';
import { defaultPublicUrl } from '../../catalog/public-url.js';
import type { CatalogEntry, WiringContext } from '../../catalog/types.js';
import { StackError } from '../../errors.js';
import type { GpuVendor } from '../../manifest/schema.js';
import { resolveImage } from '../image.js';
import type { SecretEnvironment, StackDatabase, StackDependency, StackRoute, StackService, StackVolume } from '../types.js';
import { INFRASTRUCTURE, withLocation } from './context.js';
import type { ResolveContext, ResolvedService } from './context.js';
import { mergeResources } from './resources.js';
import { databasePasswordProtects } from './secrets.js';
import type { SecretUse } from './secrets.js';
import { DEFAULT_START_TIMEOUT, sortRecord, uniqueDependencies } from './service-parts.js';

/** What the earlier phases decided, as the catalog services need it. */
export interface CatalogServiceFacts {
  readonly enabled: ReadonlySet<string>;
  readonly allIds: ReadonlySet<string>;
  readonly databases: readonly StackDatabase[];
  readonly routes: ReadonlyMap<string, StackRoute>;
  readonly directPorts: ReadonlyMap<string, number>;
}

/** Every enabled catalog entry as a service, sorted by id. */
export function resolveCatalogServices(context: ResolveContext, facts: CatalogServiceFacts): ResolvedService<StackService>[] {
  return [...facts.enabled].sort().flatMap((id) => {
    const entry = context.byId.get(id);
    return entry ? [resolveCatalogService(withDatabaseExtensions(entry, facts.databases), context, facts)] : [];
  });
}

/** The shared PostgreSQL runs the pgvector image while one of its databases needs `vector`. */
function withDatabaseExtensions(entry: CatalogEntry, databases: readonly StackDatabase[]): CatalogEntry {
  if (entry.id !== INFRASTRUCTURE.postgres) return entry;
  return databases.some((database) => database.extensions?.includes('vector')) ? { ...entry, image: POSTGRES_VECTOR_IMAGE } : entry;
}

/** One catalog entry with the user's settings and its wiring to the rest of the stack. */
export function resolveCatalogService(
  entry: CatalogEntry,
  context: ResolveContext,
  facts: CatalogServiceFacts,
): ResolvedService<StackService> {
  const { manifest, custom } = context;
  const id = entry.id;
  const settings = manifest.services[id] ?? {};
  const route = facts.routes.get(id);
  const directPort = facts.directPorts.get(id);
  const gpu = resolveGpu(entry, settings.gpu, context);
  const database = facts.databases.find((candidate) => candidate.service === id);
  const wiringContext: WiringContext = {
    serviceId: id,
    domain: manifest.domain,
    httpsPort: manifest.proxy?.httpsPort ?? 443,
    publicUrl: route?.url.replace(/\/$/, '') ?? defaultPublicUrl(entry.route?.subdomain ?? id, manifest.domain, manifest.proxy?.httpsPort),
    enabled: facts.allIds,
    internalUrl: (other) => {
      if (!facts.allIds.has(other)) return undefined;
      const port = context.byId.get(other)?.port ?? custom[other]?.port;
      return port === undefined ? undefined : `http://${other}:${port}`;
    },
    publicUrlOf: (other) => facts.routes.get(other)?.url.replace(/\/$/, ''),
    database: database ? { database: database.database, role: database.role, host: INFRASTRUCTURE.postgres, port: 5432 } : undefined,
    secretPath: (name) => `/run/secrets/${name}`,
  };
  const wiring = entry.wire?.(wiringContext) ?? {};

  const secretUses: SecretUse[] = [];
  const secretEnvironment: SecretEnvironment[] = [];
  const mounted = new Set<string>();
  for (const secret of entry.secrets) {
    const name = secret.sameAs ?? `${id}-${secret.name}`;
    const live = secret.live ? { ...secret.live, service: id } : undefined;
    secretUses.push({
      name,
      service: id,
      description: {
        kind: secret.kind,
        protects: secret.protects,
        critical: secret.critical ?? false,
        ...(secret.derive ? { derive: secret.derive } : {}),
        ...(live ? { live } : {}),
      },
      owner: secret.sameAs === undefined,
      ...(secret.reads ? { reads: secret.reads } : {}),
    });
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
    const owner = facts.databases.find((candidate) => candidate.passwordSecret === extra.secret);
    secretUses.push({
      name: extra.secret,
      service: id,
      description: { kind: 'password', protects: owner ? databasePasswordProtects(owner) : `a credential ${id} reads`, critical: false },
      ...(extra.reads ? { reads: extra.reads } : {}),
    });
  }

  const dependsOn: StackDependency[] = [];
  // The condition is decided in connectServices, once every service is known (jobs, health checks).
  for (const required of entry.requires) dependsOn.push({ service: required, condition: 'service_healthy', required: true });
  for (const used of wiring.uses ?? []) {
    if (facts.allIds.has(used) && !entry.requires.includes(used) && used !== id)
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
  const hostPorts =
    directPort === undefined || entry.port === undefined
      ? []
      : [{ hostIp: '127.0.0.1', host: directPort, container: entry.port, protocol: 'tcp' as const }];

  const service: StackService = {
    id,
    catalogId: id,
    title: entry.title,
    category: entry.category,
    description: entry.description,
    image: resolveImage(entry, settings.image, manifest.images, gpu),
    upstreamImage: `${entry.image.repository}:${entry.image.tag}`,
    job: entry.job ?? false,
    command: entry.command,
    entrypoint: entry.entrypoint,
    user: entry.user,
    shell: entry.shell,
    environment: sortRecord({ ...entry.environment, ...(wiring.environment ?? {}), ...(settings.env ?? {}) }),
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
    route,
    resources: mergeResources(entry.resources, settings.resources, manifest.resources?.defaults),
    gpu,
    replicas: settings.replicas ?? 1,
    restart: entry.job ? 'on-failure' : 'unless-stopped',
    startTimeout: settings.startTimeout ?? DEFAULT_START_TIMEOUT,
    database,
    infrastructure: entry.category === 'infrastructure',
    notes: entry.notes ?? [],
    ignoredFileVariables: entry.ignoredFileVariables ?? [],
  };
  return { service, secretUses };
}

/** `gpu:` as a vendor (`true` is NVIDIA), refused at the key when the image cannot use that GPU. */
function resolveGpu(entry: CatalogEntry, setting: boolean | GpuVendor | undefined, context: ResolveContext): false | GpuVendor {
  if (setting === undefined || setting === false) return false;
  const vendor = setting === true ? 'nvidia' : setting;
  const supported = vendor === 'nvidia' ? entry.gpu?.nvidia === true : entry.gpu?.amd !== undefined;
  if (!supported) {
    const id = entry.id;
    const others = entry.gpu ? [...(entry.gpu.nvidia ? ['nvidia'] : []), ...(entry.gpu.amd ? ['amd'] : [])] : [];
    throw new StackError('AIS_STACK_GPU_UNSUPPORTED', {
      title: entry.title,
      ...(entry.gpu ? { vendor } : {}),
      hint: others.length > 0 ? `set services.${id}.gpu to ${others.join(' or ')}` : `remove services.${id}.gpu`,
      ...withLocation(context.locate(['services', id, 'gpu'])),
    });
  }
  return vendor;
}
