import { stringify } from 'yaml';
import { MOUNTED_SECRETS_DIRECTORY, RELATIVE_PATHS } from '../stack/project-layout.js';
import type { SecretEnvironment, Stack, StackService } from '../stack/types.js';
import type { RenderedFile } from './types.js';
import { GENERATED_NOTICE } from './types.js';

export const LABEL_PREFIX = 'ai.aistack';

/** compose.yaml (Compose Specification) from the Stack. Pure and byte-stable. */
export function renderCompose(stack: Stack): RenderedFile {
  const services: Record<string, unknown> = {};
  for (const service of stack.services) services[service.id] = renderService(stack, service);

  // No top-level `name:`: docker-compose v1 rejects it. The project name comes from
  // COMPOSE_PROJECT_NAME in .env, which v1 and v2 both read.
  const document = {
    services,
    networks: {
      edge: { name: `${stack.name}_edge`, labels: { [`${LABEL_PREFIX}.stack`]: stack.name } },
      internal: { name: `${stack.name}_internal`, internal: true, labels: { [`${LABEL_PREFIX}.stack`]: stack.name } },
      // The socket proxy's own network: only the monitor joins it (no other service can reach the Docker API).
      ...(stack.services.some((service) => service.networks.includes('docker-api'))
        ? { 'docker-api': { name: `${stack.name}_docker-api`, internal: true, labels: { [`${LABEL_PREFIX}.stack`]: stack.name } } }
        : {}),
    },
    ...(stack.volumes.length > 0
      ? {
          volumes: Object.fromEntries(
            stack.volumes.map((volume) => [
              volume.name,
              {
                labels: {
                  [`${LABEL_PREFIX}.stack`]: stack.name,
                  [`${LABEL_PREFIX}.service`]: volume.service,
                  [`${LABEL_PREFIX}.backup`]: volume.backup.kind,
                },
              },
            ]),
          ),
        }
      : {}),
  };
  // YAML 1.1 quoting: docker-compose v1 reads yes/no/on/off as booleans unless they are quoted.
  const text = stringify(document, {
    version: '1.1',
    lineWidth: 0,
    minContentWidth: 0,
    aliasDuplicateObjects: false,
    defaultStringType: 'PLAIN',
    singleQuote: false,
  });
  return { path: 'compose.yaml', content: `# ${GENERATED_NOTICE}\n${text}` };
}

/**
 * The directory a service sees as /run/secrets: its own copies of the secrets it reads
 * (src/secrets/mounted.ts). A directory, not one bind mount per secret, so a rotated value
 * replaced by rename reaches the running container (docs/security.md).
 */
export function secretsMountSource(service: string): string {
  return `${RELATIVE_PATHS.secrets}/${MOUNTED_SECRETS_DIRECTORY}/${service}`;
}

/** What a ROCm container needs from the host: the compute interface and the GPUs' render nodes. */
export const ROCM_DEVICES = ['/dev/kfd', '/dev/dri'] as const;

function renderService(stack: Stack, service: StackService): Record<string, unknown> {
  const environment: Record<string, string> = { ...service.environment };
  for (const secret of service.secretEnvironment) {
    if (secret.delivery === 'file-variable')
      environment[secret.fileVariable ?? `${secret.variable}_FILE`] = `/run/secrets/${secret.secret}`;
  }
  const wrapped = service.secretEnvironment.filter((secret) => secret.delivery === 'entrypoint');
  const entrypoint = wrapped.length > 0 ? wrapEntrypoint(service, wrapped) : service.entrypoint;

  const volumes = [
    ...service.volumes.map((volume) => `${volume.name}:${volume.target}`),
    ...service.sharedVolumes.map((volume) => `${volume.name}:${volume.target}`),
    ...service.files.map((file) => `${file.source}:${file.target}${file.readOnly === false ? '' : ':ro'}`),
    ...(service.secrets.length > 0 ? [`${secretsMountSource(service.id)}:/run/secrets:ro`] : []),
  ];
  const dependsOn = Object.fromEntries(service.dependsOn.map((dependency) => [dependency.service, { condition: dependency.condition }]));

  const rendered: Record<string, unknown> = {
    image: service.image,
    ...(entrypoint ? { entrypoint: entrypoint.map(escapeDollar) } : {}),
    ...(service.command ? { command: service.command.map(escapeDollar) } : {}),
    ...(service.user ? { user: service.user } : {}),
    restart: service.restart,
    ...(Object.keys(environment).length > 0 ? { environment: sortedRecord(environment, escapeDollar) } : {}),
    ...(volumes.length > 0 ? { volumes } : {}),
    networks: [...service.networks],
    ...(service.hostPorts.length > 0 ? { ports: service.hostPorts.map((port) => `${port.hostIp}:${port.host}:${port.container}`) } : {}),
    ...(Object.keys(dependsOn).length > 0 ? { depends_on: dependsOn } : {}),
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
    // Limits as service keys, which every compose reads the same: Compose v2 (2.26 at least)
    // refuses `pids_limit` beside a `deploy.resources.limits` that lacks the same `pids`, and
    // docker-compose 1.29 refuses `pids` there.
    cpus: service.resources.cpus,
    mem_limit: `${service.resources.memoryMb}M`,
    pids_limit: service.resources.pids,
    // AMD ROCm: the two device nodes Ollama's docs pass (`--device /dev/kfd --device /dev/dri`).
    ...(service.gpu === 'amd' ? { devices: ROCM_DEVICES.map((device) => `${device}:${device}`) } : {}),
    ...(service.replicas > 1 || service.gpu === 'nvidia'
      ? {
          deploy: {
            ...(service.replicas > 1 ? { replicas: service.replicas } : {}),
            ...(service.gpu === 'nvidia'
              ? { resources: { reservations: { devices: [{ driver: 'nvidia', count: 'all', capabilities: ['gpu'] }] } } }
              : {}),
          },
        }
      : {}),
    security_opt: ['no-new-privileges:true'],
    logging: { driver: 'json-file', options: { 'max-size': '10m', 'max-file': '3' } },
    labels: {
      [`${LABEL_PREFIX}.stack`]: stack.name,
      [`${LABEL_PREFIX}.service`]: service.id,
      ...(service.catalogId ? { [`${LABEL_PREFIX}.catalog`]: service.catalogId } : {}),
      ...(service.job ? { [`${LABEL_PREFIX}.job`]: 'true' } : {}),
    },
  };
  return rendered;
}

/**
 * For images that only read a plain variable: a tiny shell wrapper exports it from the mounted
 * secret file and then runs the image's own entrypoint, so the value is in neither compose.yaml,
 * .env nor `docker inspect`.
 */
export function wrapEntrypoint(service: StackService, secrets: readonly SecretEnvironment[]): string[] {
  // `VAR="$(cat f)"` on its own takes cat's exit status, so `set -e` stops on a missing or
  // unreadable secret; `export VAR="$(cat f)"` would hide it behind export's own success.
  const exports = secrets.map((secret) => {
    const read = `$(cat /run/secrets/${secret.secret})`;
    const value = secret.template ? secret.template.replace('{value}', read) : read;
    return `${secret.variable}="${value}"; export ${secret.variable}`;
  });
  const shell = service.shell ?? '/bin/sh';
  return [shell, '-c', `set -e; ${exports.join('; ')}; exec "$@"`, 'aistack-secrets', ...(service.entrypoint ?? [])];
}

/** Compose interpolates `$`: everything aistack writes is literal, so every `$` is doubled. */
export function escapeDollar(value: string): string {
  return value.replace(/\$/g, '$$$$');
}

function sortedRecord(record: Readonly<Record<string, string>>, map: (value: string) => string): Record<string, string> {
  return Object.fromEntries(
    Object.entries(record)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, value]) => [key, map(value)]),
  );
}
