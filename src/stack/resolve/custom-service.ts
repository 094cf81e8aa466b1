import { REDIS_PASSWORD_SECRET } from '../../catalog/shared-secrets.js';
import type { CustomService } from '../../manifest/schema.js';
import type { SecretEnvironment, StackDatabase, StackDependency, StackRoute, StackService, StackVolume } from '../types.js';
import { INFRASTRUCTURE } from './context.js';
import type { ResolveContext, ResolvedService } from './context.js';
import { customHealth } from './custom-health.js';
import { mergeResources } from './resources.js';
import { databasePasswordProtects } from './secrets.js';
import type { SecretUse } from './secrets.js';
import { DEFAULT_START_TIMEOUT, sortRecord, uniqueDependencies } from './service-parts.js';

const REDIS_PORT = 6379;

/** What the earlier phases decided, as the custom services need it. */
export interface CustomServiceFacts {
  readonly databases: readonly StackDatabase[];
  readonly routes: ReadonlyMap<string, StackRoute>;
  readonly directPorts: ReadonlyMap<string, number>;
}

/** Every `custom:` service, sorted by id. */
export function resolveCustomServices(context: ResolveContext, facts: CustomServiceFacts): ResolvedService<StackService>[] {
  return Object.keys(context.custom)
    .sort()
    .flatMap((id) => {
      const settings = context.custom[id];
      return settings ? [resolveCustomService(id, settings, context, facts)] : [];
    });
}

/** One custom service: its image as given, wired to PostgreSQL and Redis when it asks. */
export function resolveCustomService(
  id: string,
  settings: CustomService,
  { manifest }: ResolveContext,
  facts: CustomServiceFacts,
): ResolvedService<StackService> {
  const database = facts.databases.find((candidate) => candidate.service === id);
  const directPort = facts.directPorts.get(id);
  const dependsOn: StackDependency[] = (settings.dependsOn ?? []).map((dependency) => ({
    service: dependency,
    condition: 'service_healthy',
    required: true,
  }));
  if (database) dependsOn.push({ service: INFRASTRUCTURE.postgres, condition: 'service_healthy', required: true });
  if (settings.redis) dependsOn.push({ service: INFRASTRUCTURE.redis, condition: 'service_healthy', required: true });
  const reads = settings.readsSecrets ?? 'at-start';
  const secretUses: SecretUse[] = [];
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
      DATABASE_HOST: INFRASTRUCTURE.postgres,
      DATABASE_PORT: '5432',
      DATABASE_NAME: database.database,
      DATABASE_USER: database.role,
    });
    secretUses.push({
      name: database.passwordSecret,
      service: id,
      description: { kind: 'password', protects: databasePasswordProtects(database), critical: false },
      reads,
    });
  }
  if (settings.redis) {
    secretEnvironment.push({
      variable: 'REDIS_PASSWORD',
      secret: REDIS_PASSWORD_SECRET,
      delivery: 'file-variable',
      fileVariable: 'REDIS_PASSWORD_FILE',
    });
    Object.assign(environment, { REDIS_HOST: INFRASTRUCTURE.redis, REDIS_PORT: String(REDIS_PORT) });
    secretUses.push({
      name: REDIS_PASSWORD_SECRET,
      service: id,
      description: { kind: 'password', protects: `a credential ${id} reads`, critical: false },
      reads,
    });
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
    directPort === undefined || settings.port === undefined
      ? []
      : [{ hostIp: '127.0.0.1', host: directPort, container: settings.port, protocol: 'tcp' as const }];
  const service: StackService = {
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
    route: facts.routes.get(id),
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
  return { service, secretUses };
}
