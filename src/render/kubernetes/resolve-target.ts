import { StackError } from '../../errors.js';
import type { SourceLocation } from '../../errors.js';
import type { Locate } from '../../manifest/locate.js';
import type { KubernetesTargetSettings } from '../../manifest/target-kubernetes.js';
import { RELATIVE_PATHS } from '../../project/paths.js';
import type { Stack, StackService } from '../../stack/types.js';

/** aistack's own host-side services: on Kubernetes the Ingress replaces the proxy, and the monitor and socket proxy watch Docker. */
export const HOST_ONLY_SERVICES: ReadonlySet<string> = new Set(['proxy', 'monitor', 'docker-socket-proxy']);

export const DEFAULT_WAIT_IMAGE = 'busybox:1.37.0';
export const DEFAULT_INGRESS_CLASS = 'nginx';
export const DEFAULT_CONTROLLER_NAMESPACE = 'ingress-nginx';

/** Everything the Kubernetes renderers need, decided: the settings with their defaults and the services that run in the cluster. */
export interface KubernetesTarget {
  readonly namespace: string;
  readonly storageClass: string | undefined;
  readonly sharedVolumeAccessMode: 'ReadWriteMany' | 'ReadWriteOnce';
  readonly ingressClass: string;
  readonly controllerNamespace: string;
  readonly tlsSecret: string;
  readonly certManager: { readonly issuer: string; readonly kind: 'ClusterIssuer' | 'Issuer' } | undefined;
  readonly gpuResource: 'nvidia.com/gpu' | 'amd.com/gpu';
  readonly waitImage: string;
  /** Cluster services, sorted by id (the Stack's order). */
  readonly services: readonly StackService[];
  readonly replicas: ReadonlyMap<string, number>;
  readonly nodeSelectors: ReadonlyMap<string, Readonly<Record<string, string>>>;
}

export interface KubernetesRenderOptions {
  /** Positions in aistack.yaml for errors. */
  readonly locate?: Locate;
}

function at(options: KubernetesRenderOptions, path: readonly (string | number)[]): { location?: SourceLocation } {
  const location = options.locate?.(path);
  return location ? { location } : {};
}

/** A service whose state lives in its own volumes: one pod, a StatefulSet. */
export function isStateful(service: StackService): boolean {
  return service.volumes.length > 0;
}

/**
 * Decides the Kubernetes target from the Stack and `targets.kubernetes`, and refuses what a
 * cluster cannot honour with a positioned error naming the key and the alternative.
 */
export function resolveKubernetesTarget(stack: Stack, options: KubernetesRenderOptions = {}): KubernetesTarget {
  const settings: KubernetesTargetSettings = stack.manifest.targets?.kubernetes ?? {};
  const services = stack.services.filter((service) => !HOST_ONLY_SERVICES.has(service.id));
  const ids = new Set(services.map((service) => service.id));
  const base = ['targets', 'kubernetes'];

  for (const id of Object.keys(settings.services ?? {})) {
    if (!ids.has(id)) {
      throw new StackError('AIS_KUBERNETES_UNKNOWN_SERVICE', {
        service: id,
        hint: HOST_ONLY_SERVICES.has(id)
          ? `${id} runs on a Docker host only (the Ingress replaces the proxy); remove the entry`
          : `name one of: ${[...ids].join(', ')}`,
        ...at(options, [...base, 'services', id]),
      });
    }
  }

  const replicas = new Map<string, number>();
  const nodeSelectors = new Map<string, Readonly<Record<string, string>>>();
  for (const service of services) {
    const own = settings.services?.[service.id];
    const count = own?.replicas ?? service.replicas;
    const where =
      own?.replicas !== undefined ? [...base, 'services', service.id, 'replicas'] : manifestServicePath(stack, service.id, 'replicas');
    if (count > 1 && isStateful(service)) {
      const dataStore = service.category === 'database' || service.category === 'cache' || service.category === 'vector';
      throw new StackError('AIS_KUBERNETES_REPLICATED_STATEFUL', {
        path: where,
        replicas: count,
        service: service.id,
        dataStore,
        volumes: service.volumes.map((volume) => volume.target),
        hint: dataStore
          ? 'remove the key: aistack runs one pod per data store (a replicated database needs an operator of its own)'
          : `remove the key, or run ${service.id} with state outside the pod before scaling it`,
        ...at(options, where),
      });
    }
    if (count > 1 && service.job) {
      throw new StackError('AIS_KUBERNETES_REPLICATED_JOB', {
        path: where,
        replicas: count,
        service: service.id,
        hint: 'remove the key: a job runs once, as a Kubernetes Job',
        ...at(options, where),
      });
    }
    for (const file of service.files) {
      if (!isRenderedProjectPath(file.source)) {
        throw new StackError('AIS_KUBERNETES_HOST_MOUNT', {
          service: service.id,
          source: file.source,
          replicas: count,
          hint: 'put the file in an image or a ConfigMap of your own; aistack turns only the files it renders into ConfigMaps',
          ...at(options, manifestServicePath(stack, service.id)),
        });
      }
    }
    if (service.user !== undefined && !/^\d+(:\d+)?$/.test(service.user)) {
      throw new StackError('AIS_KUBERNETES_USER_NAME', {
        service: service.id,
        user: service.user,
        hint: 'give the numeric id, such as 1000:1000 (`id -u` in the image)',
        ...at(options, ['custom', service.id, 'user']),
      });
    }
    replicas.set(service.id, count);
    if (own?.nodeSelector) nodeSelectors.set(service.id, own.nodeSelector);
  }

  const ingressClass = settings.ingress?.className ?? DEFAULT_INGRESS_CLASS;
  if (ingressClass !== 'nginx') {
    const guarded = services.find((service) => service.route?.proxyAuth);
    if (guarded) {
      throw new StackError('AIS_KUBERNETES_NO_BASIC_AUTH', {
        className: ingressClass,
        service: guarded.id,
        hint: `use className: nginx, or put your own authentication in front and set services.${guarded.id}.route.auth: none`,
        ...at(options, [...base, 'ingress', 'className']),
      });
    }
  }

  const namespace = settings.namespace ?? stack.name.replace(/_/g, '-').slice(0, 63).replace(/-+$/, '');
  return {
    namespace,
    storageClass: settings.storageClass,
    sharedVolumeAccessMode: settings.sharedVolumeAccessMode ?? 'ReadWriteMany',
    ingressClass,
    controllerNamespace: settings.ingress?.controllerNamespace ?? DEFAULT_CONTROLLER_NAMESPACE,
    tlsSecret: settings.ingress?.tlsSecret ?? `${namespace}-tls`,
    certManager: settings.ingress?.certManager
      ? { issuer: settings.ingress.certManager.issuer, kind: settings.ingress.certManager.kind ?? 'ClusterIssuer' }
      : undefined,
    gpuResource: settings.gpuResource ?? 'nvidia.com/gpu',
    waitImage: settings.waitImage ?? DEFAULT_WAIT_IMAGE,
    services,
    replicas,
    nodeSelectors,
  };
}

/** `services.<id>` or `custom.<id>` (with an optional key below it). */
function manifestServicePath(stack: Stack, id: string, key?: string): string[] {
  const section = stack.manifest.custom?.[id] ? 'custom' : 'services';
  return key ? [section, id, key] : [section, id];
}

/** Project files aistack renders itself (and so can ship as ConfigMaps). */
export function isRenderedProjectPath(source: string): boolean {
  return source === RELATIVE_PATHS.postgresInit;
}
