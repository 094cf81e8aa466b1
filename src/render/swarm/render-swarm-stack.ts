import { createHash } from 'node:crypto';
import { Scalar, stringify } from 'yaml';
import { MOUNTED_SECRETS_DIRECTORY, RELATIVE_PATHS } from '../../project/paths.js';
import { proxyBearerSecret } from '../../stack/resolve/proxy.js';
import type { Stack, StackService } from '../../stack/types.js';
import { escapeDollar, LABEL_PREFIX, wrapEntrypoint } from '../compose.js';
import type { RenderedFile } from '../types.js';
import { GENERATED_NOTICE } from '../types.js';
import type { SwarmPlan, SwarmService } from './plan-swarm.js';

export const SWARM_STACK_FILE = 'swarm.yaml';

export interface SwarmStackInput {
  readonly stack: Stack;
  readonly plan: SwarmPlan;
  /** The other files of the target (proxy config, init scripts): mounted as Swarm configs. */
  readonly files: readonly RenderedFile[];
  /** Short digests of the secret files by file name (see TargetRenderOptions.secretVersions). */
  readonly secretVersions?: Readonly<Record<string, string>>;
  /** Only these services (aistack deploys in dependency order, a few at a time). @default every service */
  readonly only?: ReadonlySet<string>;
}

interface ConfigEntry {
  readonly key: string;
  readonly file: string;
}

/**
 * swarm.yaml, a stack file for `docker stack deploy` (compose file format 3.8, the one Swarm
 * reads). Same Stack, same bytes. What Swarm ignores or rejects from compose.yaml is left out
 * on purpose (depends_on, restart, security_opt, host IPs on ports): aistack orders the services
 * itself, `deploy.restart_policy` restarts them, and planSwarm refuses settings that need the rest.
 */
export function renderSwarmStack(input: SwarmStackInput): RenderedFile {
  const { stack, plan } = input;
  const chosen = plan.services.filter((entry) => !input.only || input.only.has(entry.service.id));
  const secrets = new Map<string, string>();
  const configs = new Map<string, string>();
  const services: Record<string, unknown> = {};
  for (const entry of chosen) {
    services[entry.service.id] = renderService(input, entry, {
      secret: (key, file) => secrets.set(key, file),
      config: (config) => configs.set(config.key, config.file),
    });
  }
  const usesDockerApi = chosen.some((entry) => entry.service.networks.includes('docker-api'));
  const volumes = stack.volumes.filter((volume) => chosen.some((entry) => usesVolume(entry.service, volume.name)));
  const stackLabel = { [`${LABEL_PREFIX}.stack`]: stack.name };
  const document = {
    // 3.9: the first format whose schema takes `deploy.resources.limits.pids`.
    version: '3.9',
    services,
    networks: {
      edge: { driver: 'overlay', labels: stackLabel },
      internal: { driver: 'overlay', internal: true, labels: stackLabel },
      ...(usesDockerApi ? { 'docker-api': { driver: 'overlay', internal: true, labels: stackLabel } } : {}),
    },
    ...(volumes.length > 0
      ? {
          volumes: Object.fromEntries(
            volumes.map((volume) => [
              volume.name,
              { labels: { ...stackLabel, [`${LABEL_PREFIX}.service`]: volume.service, [`${LABEL_PREFIX}.backup`]: volume.backup.kind } },
            ]),
          ),
        }
      : {}),
    ...(secrets.size > 0 ? { secrets: sortedEntries(secrets, (file) => ({ file, labels: stackLabel })) } : {}),
    ...(configs.size > 0 ? { configs: sortedEntries(configs, (file) => ({ file, labels: stackLabel })) } : {}),
  };
  const text = stringify(document, {
    version: '1.1',
    lineWidth: 0,
    minContentWidth: 0,
    aliasDuplicateObjects: false,
    defaultStringType: 'PLAIN',
    singleQuote: false,
  });
  return {
    path: SWARM_STACK_FILE,
    content: `# ${GENERATED_NOTICE}\n# Deploy with \`aistack deploy --target swarm\` (it orders the services; docs/cluster.md).\n${text}`,
  };
}

function usesVolume(service: StackService, name: string): boolean {
  return service.volumes.some((volume) => volume.name === name) || service.sharedVolumes.some((volume) => volume.name === name);
}

function renderService(
  input: SwarmStackInput,
  entry: SwarmService,
  add: { secret: (key: string, file: string) => void; config: (config: ConfigEntry) => void },
): Record<string, unknown> {
  const { stack, plan } = input;
  const service = entry.service;
  const environment: Record<string, string> = { ...service.environment };
  for (const secret of service.secretEnvironment) {
    if (secret.delivery === 'file-variable')
      environment[secret.fileVariable ?? `${secret.variable}_FILE`] = `/run/secrets/${secret.secret}`;
  }
  const wrapped = service.secretEnvironment.filter((secret) => secret.delivery === 'entrypoint');
  const entrypoint = wrapped.length > 0 ? wrapEntrypoint(service, wrapped) : service.entrypoint;

  const volumes: unknown[] = [
    ...service.volumes.map((volume) => ({ type: 'volume', source: volume.name, target: volume.target })),
    ...service.sharedVolumes.map((volume) => ({ type: 'volume', source: volume.name, target: volume.target })),
  ];
  const configs: unknown[] = [];
  // How often each rendered file is mounted so far: a second mount gets a config of its own.
  const copies = new Map<string, number>();
  for (const file of service.files) {
    const rendered = renderedUnder(input.files, file.source);
    if (rendered.length > 0 && file.readOnly !== false) {
      for (const { file: one, target } of rendered.map((candidate) => ({ file: candidate, target: targetOf(file, candidate) }))) {
        const copy = copies.get(one.path) ?? 0;
        copies.set(one.path, copy + 1);
        const key = configKey(stack.name, one, copy);
        add.config({ key, file: `./${one.path}` });
        configs.push({ source: key, target, mode: octal((one.mode ?? 0o644) & 0o555) });
      }
      continue;
    }
    // Files aistack does not render (aistack.yaml for the monitor, certificates, the Docker
    // socket): bind mounts, on the data node the service is pinned to (planSwarm).
    volumes.push({ type: 'bind', source: file.source, target: file.target, ...(file.readOnly === false ? {} : { read_only: true }) });
  }
  const secrets = secretMounts(stack, service).map((mount) => {
    const version = input.secretVersions?.[mount.file];
    const key = version ? `${mount.file}-${version}` : mount.file;
    add.secret(key, `${RELATIVE_PATHS.secrets}/${MOUNTED_SECRETS_DIRECTORY}/${mount.from}/${mount.file}`);
    return { source: key, target: mount.file, ...ownerOf(service, mount.rootOnly) };
  });
  // planSwarm refuses direct ports: only the proxy publishes.
  const ports = service.id === 'proxy' ? service.hostPorts : [];

  return {
    image: service.image,
    ...(entrypoint ? { entrypoint: entrypoint.map(escapeDollar) } : {}),
    ...(service.command ? { command: service.command.map(escapeDollar) } : {}),
    ...(service.user ? { user: service.user } : {}),
    ...(Object.keys(environment).length > 0 ? { environment: sortedRecord(environment, escapeDollar) } : {}),
    ...(volumes.length > 0 ? { volumes } : {}),
    ...(secrets.length > 0 ? { secrets } : {}),
    ...(configs.length > 0 ? { configs } : {}),
    networks: [...service.networks],
    ...(ports.length > 0
      ? { ports: ports.map((port) => ({ target: port.container, published: port.host, protocol: port.protocol, mode: plan.publishMode })) }
      : {}),
    ...(service.health
      ? {
          healthcheck: {
            test: service.health.test.map(escapeDollar),
            interval: service.health.interval ?? '10s',
            timeout: service.health.timeout ?? '5s',
            retries: service.health.retries ?? 5,
            start_period: service.health.startPeriod ?? '30s',
          },
        }
      : {}),
    deploy: renderDeploy(stack, plan, entry),
    logging: { driver: 'json-file', options: { 'max-size': '10m', 'max-file': '3' } },
    labels: containerLabels(stack, service),
  };
}

function renderDeploy(stack: Stack, plan: SwarmPlan, entry: SwarmService): Record<string, unknown> {
  const service = entry.service;
  const update = {
    parallelism: 1,
    delay: '0s',
    order: entry.order,
    failure_action: 'rollback',
    monitor: `${entry.monitorSeconds}s`,
    max_failure_ratio: 0,
  };
  return {
    mode: 'replicated',
    replicas: service.replicas,
    // DNS round robin, not a virtual IP: the proxy re-resolves every second (nginx `resolver … valid=1s`), and
    // VIPs need IPVS, which the routing mesh's sandboxes do not always have. Ingress ports need the VIP.
    endpoint_mode: service.id === 'proxy' && plan.publishMode === 'ingress' ? 'vip' : 'dnsrr',
    ...(entry.constraints.length > 0 ? { placement: { constraints: [...entry.constraints] } } : {}),
    resources: {
      limits: { cpus: String(service.resources.cpus), memory: `${service.resources.memoryMb}M`, pids: service.resources.pids },
      ...(service.gpu && plan.gpuResource
        ? { reservations: { generic_resources: [{ discrete_resource_spec: { kind: plan.gpuResource, value: 1 } }] } }
        : {}),
    },
    restart_policy: service.job
      ? { condition: 'on-failure', delay: '5s', max_attempts: 3 }
      : { condition: 'any', delay: '5s', window: `${entry.monitorSeconds}s` },
    ...(service.job ? {} : { update_config: update, rollback_config: { ...update, failure_action: 'pause' } }),
    labels: containerLabels(stack, service),
  };
}

function containerLabels(stack: Stack, service: StackService): Record<string, string> {
  return {
    [`${LABEL_PREFIX}.stack`]: stack.name,
    [`${LABEL_PREFIX}.service`]: service.id,
    ...(service.catalogId ? { [`${LABEL_PREFIX}.catalog`]: service.catalogId } : {}),
    ...(service.job ? { [`${LABEL_PREFIX}.job`]: 'true' } : {}),
  };
}

/** Rendered files at a bind source: the file itself, or every file under a directory source. */
function renderedUnder(files: readonly RenderedFile[], source: string): RenderedFile[] {
  if (!source.startsWith('./')) return [];
  const relative = source.slice(2);
  const exact = files.find((file) => file.path === relative);
  if (exact) return [exact];
  return files.filter((file) => file.path.startsWith(`${relative}/`));
}

function targetOf(mount: { readonly source: string; readonly target: string }, file: RenderedFile): string {
  const relative = mount.source.slice(2);
  return file.path === relative ? mount.target : `${mount.target}/${file.path.slice(relative.length + 1)}`;
}

/**
 * `<path>-<sha256 of the content>`: configs are immutable, so a changed file is a new config.
 * The second and later mounts of one file in a service (`copy` 1, 2 …) get `-<copy + 1>`: the
 * docker CLI sorts a service's configs by name with an unstable sort, so two mounts of one config
 * trade places from one `stack deploy` to the next, and Swarm replaces the task of a service
 * whose file did not change (the proxy's nginx.conf is also under its config directory).
 */
function configKey(stackName: string, file: RenderedFile, copy = 0): string {
  const digest = createHash('sha256').update(file.content).digest('hex').slice(0, 10);
  const suffix = copy > 0 ? `-${copy + 1}` : '';
  const name = file.path.replace(/[^A-Za-z0-9_.-]/g, '-');
  // Swarm names are at most 64 characters: `<stack>_<key>`.
  const room = Math.max(8, 64 - stackName.length - 1 - digest.length - 1 - suffix.length);
  return `${name.slice(-room).replace(/^[-.]+/, '')}-${digest}${suffix}`;
}

interface SecretMount {
  readonly file: string;
  /** The consumer whose mounted copy is the source (the same bytes for every consumer). */
  readonly from: string;
  readonly rootOnly: boolean;
}

/** The files a service finds in /run/secrets (the same ones compose mounts, src/secrets/mounted.ts). */
function secretMounts(stack: Stack, service: StackService): SecretMount[] {
  const mounts: SecretMount[] = [];
  for (const secret of stack.secrets) {
    if (!secret.consumers.some((consumer) => consumer.service === service.id)) continue;
    const from = secret.consumers[0]!.service;
    mounts.push({ file: secret.name, from, rootOnly: false });
    if (secret.kind === 'htpasswd' && secret.bearer) mounts.push({ file: proxyBearerSecret(secret.name), from, rootOnly: true });
  }
  return mounts.sort((a, b) => a.file.localeCompare(b.file));
}

/**
 * Owner and mode inside the container: the service's own user with 0400 when the Stack names a
 * numeric one; otherwise root-owned 0444 (the image picks its user), and 0400 for what only
 * root may read (the proxy's bearer map).
 */
function ownerOf(service: StackService, rootOnly: boolean): { uid: string; gid: string; mode: Scalar } {
  if (rootOnly) return { uid: '0', gid: '0', mode: octal(0o400) };
  const match = /^(\d+)(?::(\d+))?$/.exec(service.user ?? '');
  if (match) return { uid: match[1]!, gid: match[2] ?? match[1]!, mode: octal(0o400) };
  return { uid: '0', gid: '0', mode: octal(0o444) };
}

/** File modes written the way people read them (0444); YAML 1.1 reads a leading 0 as octal, as Swarm does. */
function octal(value: number): Scalar {
  const scalar = new Scalar(value);
  scalar.format = 'OCT';
  return scalar;
}

function sortedRecord(record: Readonly<Record<string, string>>, map: (value: string) => string): Record<string, string> {
  return Object.fromEntries(
    Object.entries(record)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, value]) => [key, map(value)]),
  );
}

function sortedEntries<T>(map: ReadonlyMap<string, string>, render: (file: string) => T): Record<string, T> {
  return Object.fromEntries([...map.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([key, file]) => [key, render(file)]));
}
