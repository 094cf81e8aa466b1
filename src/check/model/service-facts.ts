import type { Facts } from '../types.js';
import type { ComposeModel, PathSegment, ServiceModel } from './compose-model.js';
import { isRecord } from './compose-model.js';
import { scalarText } from '../../util/scalar-text.js';

export interface EnvironmentVariable {
  readonly name: string;
  readonly value: string | undefined;
  /** Before interpolation. */
  readonly rawValue: string | undefined;
  readonly path: readonly PathSegment[];
}

/** `environment:` as a list (`A=b`) or a map, interpolated, with the raw text alongside. */
export function environmentOf(compose: ComposeModel, service: ServiceModel): EnvironmentVariable[] {
  return parseEnvironment(compose, service);
}

function parseEnvironment(compose: ComposeModel, service: ServiceModel): EnvironmentVariable[] {
  const value = service.value.environment;
  const path = ['services', service.name, 'environment'];
  const rawOf = (key: PathSegment): string | undefined => {
    // From the container itself, not by its path from the root: six rules ask for every variable.
    const raw = typeof value === 'object' && value !== null ? compose.rawOf(value, key) : undefined;
    return raw === null || raw === undefined ? undefined : scalarText(raw);
  };
  if (Array.isArray(value)) {
    return value.flatMap((item: unknown, index) => {
      if (typeof item !== 'string') return [];
      const raw = rawOf(index);
      const equals = item.indexOf('=');
      const rawEquals = raw?.indexOf('=') ?? -1;
      return [
        {
          name: equals < 0 ? item : item.slice(0, equals),
          value: equals < 0 ? undefined : item.slice(equals + 1),
          rawValue: raw === undefined || rawEquals < 0 ? undefined : raw.slice(rawEquals + 1),
          path: [...path, index],
        },
      ];
    });
  }
  if (isRecord(value)) {
    return Object.entries(value).map(([name, item]) => ({
      name,
      value: item === null || item === undefined ? undefined : scalarText(item),
      rawValue: rawOf(name),
      path: [...path, name],
    }));
  }
  return [];
}

export interface ImageReference {
  readonly repository: string;
  readonly tag: string | undefined;
  readonly digest: string | undefined;
}

/** Split `registry/name:tag@sha256:…`; the registry host stays part of the repository. */
export function parseImage(image: string): ImageReference {
  const at = image.indexOf('@');
  const digest = at >= 0 ? image.slice(at + 1) : undefined;
  const rest = at >= 0 ? image.slice(0, at) : image;
  const slash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > slash) return { repository: rest.slice(0, colon), tag: rest.slice(colon + 1), digest };
  return { repository: rest, tag: undefined, digest };
}

/** The repository without registry host or `library/`: `docker.io/library/redis` → `redis`. */
export function shortRepository(repository: string): string {
  // Most images name no registry and no namespace (`nginx`): nothing to drop, nothing to split.
  if (!repository.includes('/')) return repository === 'library' ? '' : repository;
  const parts = repository.split('/');
  if (parts.length > 1 && (parts[0]!.includes('.') || parts[0]!.includes(':') || parts[0] === 'localhost')) parts.shift();
  if (parts[0] === 'library') parts.shift();
  return parts.join('/');
}

/** The repository with the registry host and `library/` dropped; a mirror's path prefix stays (`mirror/redis`). */
export function isRepository(image: ImageReference | undefined, known: string): boolean {
  if (!image) return false;
  const name = shortRepository(image.repository);
  return name === known || name.endsWith(`/${known}`) || name.endsWith(`/library/${known}`);
}

/** `labels:` as a map or a `KEY=value` list. */
export function labelsOf(service: ServiceModel): Readonly<Record<string, string>> {
  const labels = service.value.labels;
  const result: Record<string, string> = {};
  if (Array.isArray(labels)) {
    for (const item of labels) {
      if (typeof item !== 'string') continue;
      const equals = item.indexOf('=');
      result[equals < 0 ? item : item.slice(0, equals)] = equals < 0 ? '' : item.slice(equals + 1);
    }
  } else if (isRecord(labels)) {
    for (const [key, value] of Object.entries(labels)) result[key] = scalarText(value);
  }
  return result;
}

/**
 * The catalog entry an aistack-rendered service comes from, by the label `render` writes on it
 * (`ai.aistack.catalog`), not by its image, which `images.registry` or an override can change.
 */
export function catalogIdOf(service: ServiceModel): string | undefined {
  const labels = labelsOf(service);
  return labels['ai.aistack.stack'] !== undefined ? labels['ai.aistack.catalog'] : undefined;
}

export function imageOf(service: ServiceModel): ImageReference | undefined {
  const image = service.value.image;
  return typeof image === 'string' && image !== '' ? parseImage(image) : undefined;
}

/** Whether compose turns the image's own HEALTHCHECK off (`disable: true`, `test: [NONE]`). */
function isHealthcheckDisabled(service: ServiceModel): boolean {
  const healthcheck = service.value.healthcheck;
  if (!isRecord(healthcheck)) return false;
  const test = healthcheck.test;
  return healthcheck.disable === true || (Array.isArray(test) && test[0] === 'NONE') || test === 'NONE';
}

/** Images whose own Dockerfile has a HEALTHCHECK (catalog-facts.md: Open WebUI's uses curl and jq). */
const IMAGES_WITH_HEALTHCHECK = ['open-webui/open-webui'];

/** The last stage's HEALTHCHECK of a Dockerfile: true when it has one that is not `HEALTHCHECK NONE`. */
export function hasDockerfileHealthcheck(text: string): boolean {
  let found = false;
  for (const line of text.replace(/\\\r?\n/g, ' ').split(/\r?\n/)) {
    const instruction = /^\s*(FROM|HEALTHCHECK)\b\s*(.*)$/i.exec(line);
    if (!instruction) continue;
    if (instruction[1]!.toUpperCase() === 'FROM') found = false;
    else found = !/^NONE\b/i.test(instruction[2]!.trim());
  }
  return found;
}

/**
 * Whether a service has a health check: in compose, or in its image (a known image, or the
 * Dockerfile it is built from, given as a fact) unless compose turns it off.
 */
export function hasHealthcheck(service: ServiceModel, facts?: Pick<Facts, 'dockerfiles'>): boolean {
  if (isHealthcheckDisabled(service)) return false;
  const healthcheck = service.value.healthcheck;
  if (isRecord(healthcheck) && healthcheck.test !== undefined) return true;
  const image = imageOf(service);
  if (service.value.build === undefined && IMAGES_WITH_HEALTHCHECK.some((known) => isRepository(image, known))) return true;
  const dockerfile = facts?.dockerfiles?.find((entry) => entry.service === service.name)?.text;
  return service.value.build !== undefined && dockerfile !== undefined && hasDockerfileHealthcheck(dockerfile);
}

/**
 * A one-shot job rather than a long-running service: `restart: "no"` (or a restart policy of none)
 * that others wait on to complete, or that no one depends on as a running service.
 */
export function isOneShot(service: ServiceModel, completedTargets: ReadonlySet<string>): boolean {
  if (completedTargets.has(service.name)) return true;
  const restart = service.value.restart;
  const deploy = service.value.deploy;
  const policy = isRecord(deploy) && isRecord(deploy.restart_policy) ? deploy.restart_policy.condition : undefined;
  return restart === 'no' || restart === false || policy === 'none';
}

/** Services others wait on with `condition: service_completed_successfully`. */
export function completedTargetsOf(services: readonly ServiceModel[]): Set<string> {
  const targets = new Set<string>();
  for (const service of services)
    for (const dependency of dependenciesOf(service))
      if (dependency.condition === 'service_completed_successfully') targets.add(dependency.target);
  return targets;
}

export interface Dependency {
  readonly target: string;
  readonly condition: string;
  readonly path: readonly PathSegment[];
}

const dependencies = new WeakMap<object, Dependency[]>();

/** `depends_on` in its short or long syntax; parsed once per service. */
export function dependenciesOf(service: ServiceModel): Dependency[] {
  const cached = dependencies.get(service.value);
  if (cached) return cached;
  const result = parseDependencies(service);
  dependencies.set(service.value, result);
  return result;
}

function parseDependencies(service: ServiceModel): Dependency[] {
  const dependsOn = service.value.depends_on;
  const path = ['services', service.name, 'depends_on'];
  if (Array.isArray(dependsOn)) {
    return dependsOn
      .filter((item): item is string => typeof item === 'string')
      .map((target, index) => ({ target, condition: 'service_started', path: [...path, index] }));
  }
  if (isRecord(dependsOn)) {
    return Object.entries(dependsOn).map(([target, value]) => ({
      target,
      condition: isRecord(value) && typeof value.condition === 'string' ? value.condition : 'service_started',
      path: [...path, target],
    }));
  }
  return [];
}

/** Services whose images are data stores or admin UIs: never publish them on every interface. */
const SENSITIVE_IMAGES = [
  /(^|\/)postgres$/,
  /(^|\/)(postgis|pgvector|timescaledb[\w-]*)$/,
  /(^|\/)mysql$/,
  /(^|\/)mariadb$/,
  /(^|\/)mongo$/,
  /(^|\/)redis(-stack)?$/,
  /(^|\/)valkey$/,
  /(^|\/)memcached$/,
  /(^|\/)qdrant$/,
  /(^|\/)weaviate$/,
  /(^|\/)milvus$/,
  /(^|\/)chroma$/,
  /(^|\/)elasticsearch$/,
  /(^|\/)opensearch$/,
  /(^|\/)rabbitmq$/,
  /(^|\/)adminer$/,
  /(^|\/)pgadmin4?$/,
  /(^|\/)phpmyadmin$/,
  /(^|\/)mongo-express$/,
  /(^|\/)redis-?commander$/,
  /(^|\/)redisinsight$/,
  /(^|\/)studio$/,
  /(^|\/)portainer(-ce)?$/,
  /(^|\/)minio$/,
  /(^|\/)supabase\/postgres$/,
  // Model servers and admin/Docker UIs: no login, or one that guards the whole host.
  /(^|\/)ollama$/,
  /(^|\/)(vllm-openai|text-generation-inference|localai|llama\.cpp|lmdeploy|tabbyapi)$/,
  /(^|\/)grafana$/,
  /(^|\/)prometheus$/,
  /(^|\/)(dockge|dozzle|yacht|lazydocker|docker-ui|dockerui|uifd\/ui-for-docker|cadvisor)$/,
  /(^|\/)portainer\/(portainer-ee|agent)$/,
];

/** Container ports that are sensitive whatever the image: Ollama's API, the Docker API. */
export const SENSITIVE_PORTS: ReadonlySet<number> = new Set([11434, 2375, 2376]);

export function isSensitiveImage(image: ImageReference | undefined): boolean {
  if (!image) return false;
  const name = shortRepository(image.repository);
  return SENSITIVE_IMAGES.some((pattern) => pattern.test(name));
}

const PROXY_IMAGES = [
  /(^|\/)nginx$/,
  /(^|\/)traefik$/,
  /(^|\/)caddy$/,
  /(^|\/)haproxy$/,
  /(^|\/)envoy$/,
  /(^|\/)nginx-proxy-manager$/,
  /(^|\/)nginx-unprivileged$/,
];

export function isProxyImage(image: ImageReference | undefined): boolean {
  if (!image) return false;
  return PROXY_IMAGES.some((pattern) => pattern.test(shortRepository(image.repository)));
}
