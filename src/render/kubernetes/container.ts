import type { CatalogHealth } from '../../catalog/types.js';
import type { SecretEnvironment, StackService } from '../../stack/types.js';
import type { KubernetesTarget } from './resolve-target.js';
import type { ValueHoles } from './value-holes.js';

/** Kubernetes expands `$(VAR)` in command, args and env values; `$$` is a literal `$`. */
export function escapeDependentVariables(value: string): string {
  return value.replace(/\$/g, '$$$$');
}

/** `10s`, `1m30s`, `2m` → seconds. */
export function parseDurationSeconds(value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  let total = 0;
  let matched = false;
  for (const [, amount, unit] of value.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)) {
    matched = true;
    const number = Number(amount);
    total += unit === 'h' ? number * 3600 : unit === 'm' ? number * 60 : unit === 'ms' ? number / 1000 : number;
  }
  return matched ? Math.max(1, Math.ceil(total)) : fallback;
}

/** The health check's command as an exec probe: `CMD x y` runs x, `CMD-SHELL s` runs `/bin/sh -c s`. */
function probeCommand(health: CatalogHealth): string[] {
  const [kind, ...rest] = health.test;
  if (kind === 'CMD-SHELL') return ['/bin/sh', '-c', rest.join(' ')];
  if (kind === 'CMD') return [...rest];
  return [...health.test];
}

/**
 * Readiness, liveness and startup probes from the catalog's health check: the same command the
 * compose healthcheck runs (it uses only binaries the image has). The startup probe allows the
 * start period; liveness then restarts a container that fails `retries` checks in a row.
 */
export function renderProbes(health: CatalogHealth | undefined): Record<string, unknown> {
  if (!health) return {};
  const period = parseDurationSeconds(health.interval, 10);
  const timeout = parseDurationSeconds(health.timeout, 5);
  const retries = health.retries ?? 5;
  const start = parseDurationSeconds(health.startPeriod, 30);
  const exec = { command: probeCommand(health) };
  return {
    startupProbe: { exec, periodSeconds: period, timeoutSeconds: timeout, failureThreshold: Math.ceil(start / period) + retries },
    readinessProbe: { exec, periodSeconds: period, timeoutSeconds: timeout, failureThreshold: retries },
    livenessProbe: { exec, periodSeconds: period, timeoutSeconds: timeout, failureThreshold: retries },
  };
}

function millicores(cpus: number): string {
  return `${Math.max(1, Math.round(cpus * 1000))}m`;
}

/** `gpu: amd` asks the AMD device plugin for `amd.com/gpu`; NVIDIA (`true`, `nvidia`) asks for targets.kubernetes.gpuResource. */
function gpuResourceOf(vendor: 'nvidia' | 'amd', target: KubernetesTarget): string {
  return vendor === 'amd' ? 'amd.com/gpu' : target.gpuResource;
}

/** Limits from the Stack; requests are a quarter of the CPU and half of the memory (docs/cluster.md). */
export function renderResources(service: StackService, target: KubernetesTarget): Record<string, unknown> {
  const { cpus, memoryMb } = service.resources;
  return {
    requests: { cpu: millicores(cpus / 4), memory: `${Math.max(1, Math.ceil(memoryMb / 2))}Mi` },
    limits: { cpu: millicores(cpus), memory: `${memoryMb}Mi`, ...(service.gpu ? { [gpuResourceOf(service.gpu, target)]: 1 } : {}) },
  };
}

/** The uid/gid the container runs as, when it is known to be non-root. */
export function nonRootUser(
  service: StackService,
  catalogUser: { readonly uid: number; readonly gid: number } | undefined,
): { uid: number; gid: number } | undefined {
  if (service.user !== undefined) {
    const [uid, gid] = service.user.split(':').map(Number);
    if (uid === undefined || uid === 0) return undefined;
    return { uid, gid: gid ?? uid };
  }
  return catalogUser ? { uid: catalogUser.uid, gid: catalogUser.gid } : undefined;
}

export function renderContainerSecurity(user: { uid: number; gid: number } | undefined): Record<string, unknown> {
  return {
    allowPrivilegeEscalation: false,
    privileged: false,
    ...(user ? { runAsNonRoot: true, runAsUser: user.uid, runAsGroup: user.gid } : {}),
    seccompProfile: { type: 'RuntimeDefault' },
  };
}

/** Non-secret environment plus the `_FILE` variables that point at mounted secrets, sorted by name. */
export function renderEnvironment(service: StackService): { name: string; value: string }[] {
  const environment: Record<string, string> = { ...service.environment };
  for (const secret of service.secretEnvironment) {
    if (secret.delivery === 'file-variable')
      environment[secret.fileVariable ?? `${secret.variable}_FILE`] = `/run/secrets/${secret.secret}`;
  }
  return Object.keys(environment)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((name) => ({ name, value: escapeDependentVariables(environment[name] ?? '') }));
}

/**
 * `command` (the image's entrypoint) and `args` (its command). For env-only secrets the same
 * wrapper as on compose exports the variable from the mounted file, so no value is in the spec.
 */
export function renderCommand(service: StackService): Record<string, unknown> {
  const wrapped = service.secretEnvironment.filter((secret) => secret.delivery === 'entrypoint');
  const command = wrapped.length > 0 ? wrapEntrypoint(service, wrapped) : service.entrypoint;
  return {
    ...(command ? { command: command.map(escapeDependentVariables) } : {}),
    ...(service.command ? { args: service.command.map(escapeDependentVariables) } : {}),
  };
}

function wrapEntrypoint(service: StackService, secrets: readonly SecretEnvironment[]): string[] {
  const exports = secrets.map((secret) => {
    const read = `$(cat /run/secrets/${secret.secret})`;
    const value = secret.template ? secret.template.replace('{value}', read) : read;
    return `${secret.variable}="${value}"; export ${secret.variable}`;
  });
  return [service.shell ?? '/bin/sh', '-c', `set -e; ${exports.join('; ')}; exec "$@"`, 'aistack-secrets', ...(service.entrypoint ?? [])];
}

/** The image reference, a chart value per service. */
export function takeImage(holes: ValueHoles, service: StackService): string {
  return holes.take(['services', service.id, 'image'], service.image);
}
