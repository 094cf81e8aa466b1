import type { CatalogEntry } from '../../catalog/types.js';
import type { Stack, StackService } from '../../stack/types.js';
import type { Connection } from './connections.js';
import { servedPorts } from './connections.js';
import {
  nonRootUser,
  renderCommand,
  renderContainerSecurity,
  renderEnvironment,
  renderProbes,
  renderResources,
  takeImage,
} from './container.js';
import type { KubernetesObject, ObjectMetadata } from './labels.js';
import { objectLabels, secretObjectName, selectorLabels } from './labels.js';
import { isStateful } from './resolve-target.js';
import type { KubernetesTarget } from './resolve-target.js';
import type { ValueHoles } from './value-holes.js';

/** The uid the dependency-wait init containers run as (`nobody`). */
const WAIT_USER = 65534;

export interface WorkloadContext {
  readonly stack: Stack;
  readonly target: KubernetesTarget;
  readonly holes: ValueHoles;
  readonly catalog: ReadonlyMap<string, CatalogEntry>;
  /** Volume names another service mounts too: standalone PersistentVolumeClaims. */
  readonly sharedVolumes: ReadonlySet<string>;
  /** The ConfigMap holding each rendered project file or directory, by bind-mount source. */
  readonly configMaps: ReadonlyMap<string, string>;
  readonly namespace: string;
  readonly connections: readonly Connection[];
}

/** Init containers that wait until each dependency's Service answers (it has a ready pod): compose's `depends_on`, which kompose drops. */
function renderWaitContainers(context: WorkloadContext, service: StackService): Record<string, unknown>[] {
  const byId = new Map(context.target.services.map((entry) => [entry.id, entry]));
  return service.dependsOn.flatMap((dependency) => {
    const other = byId.get(dependency.service);
    if (other?.port === undefined || other.job) return [];
    return [
      {
        name: `wait-for-${other.id}`.slice(0, 63),
        image: context.holes.take(['waitImage'], context.target.waitImage),
        command: ['sh', '-c', `until nc -z -w 2 ${other.id} ${other.port}; do echo waiting for ${other.id}; sleep 2; done`],
        resources: { requests: { cpu: '10m', memory: '8Mi' }, limits: { cpu: '100m', memory: '32Mi' } },
        securityContext: renderContainerSecurity({ uid: WAIT_USER, gid: WAIT_USER }),
      },
    ];
  });
}

function renderVolumes(
  context: WorkloadContext,
  service: StackService,
): { volumes: Record<string, unknown>[]; mounts: Record<string, unknown>[] } {
  const volumes: Record<string, unknown>[] = [];
  const mounts: Record<string, unknown>[] = [];
  for (const volume of service.volumes) {
    mounts.push({ name: volume.name, mountPath: volume.target });
    if (context.sharedVolumes.has(volume.name)) volumes.push({ name: volume.name, persistentVolumeClaim: { claimName: volume.name } });
  }
  for (const volume of service.sharedVolumes) {
    mounts.push({ name: volume.name, mountPath: volume.target });
    volumes.push({ name: volume.name, persistentVolumeClaim: { claimName: volume.name } });
  }
  for (const file of service.files) {
    const configMap = context.configMaps.get(file.source);
    if (!configMap) continue;
    mounts.push({ name: configMap, mountPath: file.target, readOnly: true });
    volumes.push({ name: configMap, configMap: { name: configMap, defaultMode: 0o555 } });
  }
  if (service.secrets.length > 0) {
    mounts.push({ name: 'secrets', mountPath: '/run/secrets', readOnly: true });
    volumes.push({
      name: 'secrets',
      projected: {
        // Images that drop root after reading their files (postgres, redis) need them world-readable, as the 0444 copies on compose.
        defaultMode: 0o444,
        sources: service.secrets.map((secret) => ({ secret: { name: secretObjectName(secret), items: [{ key: 'value', path: secret }] } })),
      },
    });
  }
  return { volumes, mounts };
}

function renderPodTemplate(context: WorkloadContext, service: StackService): Record<string, unknown> {
  const user = nonRootUser(service, service.catalogId ? context.catalog.get(service.catalogId)?.nonRootUser : undefined);
  const { volumes, mounts } = renderVolumes(context, service);
  const environment = renderEnvironment(service);
  const initContainers = renderWaitContainers(context, service);
  const nodeSelector = context.target.nodeSelectors.get(service.id);
  const container = {
    name: service.id,
    image: takeImage(context.holes, service),
    imagePullPolicy: 'IfNotPresent',
    ...renderCommand(service),
    ...(environment.length > 0 ? { env: environment } : {}),
    ...(service.port !== undefined
      ? { ports: renderPorts(context, service).map(({ name, port }) => ({ name, containerPort: port, protocol: 'TCP' })) }
      : {}),
    ...renderProbes(service.health),
    resources: renderResources(service, context.target),
    securityContext: renderContainerSecurity(user),
    ...(mounts.length > 0 ? { volumeMounts: mounts } : {}),
  };
  return {
    metadata: { labels: objectLabels(context.stack, service.id) },
    spec: {
      serviceAccountName: service.id,
      automountServiceAccountToken: false,
      // Service links would add variables such as REDIS_PORT=tcp://… that apps read as their own settings.
      enableServiceLinks: false,
      ...(service.job ? { restartPolicy: 'OnFailure' } : {}),
      securityContext: { ...(user ? { runAsNonRoot: true, fsGroup: user.gid } : {}), seccompProfile: { type: 'RuntimeDefault' } },
      ...(nodeSelector ? { nodeSelector: { ...nodeSelector } } : {}),
      ...(initContainers.length > 0 ? { initContainers } : {}),
      containers: [container],
      ...(volumes.length > 0 ? { volumes } : {}),
    },
  };
}

function metadata(context: WorkloadContext, name: string, service: string | undefined): ObjectMetadata {
  return { name, namespace: context.namespace, labels: objectLabels(context.stack, service) };
}

/** The main port (named after the protocol) and the others services reach (`port-<n>`). */
function renderPorts(context: WorkloadContext, service: StackService): { name: string; port: number }[] {
  return servedPorts(service, context.connections).map((port) => ({
    name: port === service.port ? service.protocol : `port-${port}`,
    port,
  }));
}

/** The workload of one service: a Job, a StatefulSet (it owns volumes) or a Deployment. */
export function renderWorkload(context: WorkloadContext, service: StackService): KubernetesObject {
  const template = renderPodTemplate(context, service);
  const selector = { matchLabels: selectorLabels(context.stack, service.id) };
  if (service.job) {
    return {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: metadata(context, service.id, service.id),
      spec: { backoffLimit: 6, template },
    };
  }
  if (isStateful(service)) {
    const claims = service.volumes.filter((volume) => !context.sharedVolumes.has(volume.name));
    return {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: metadata(context, service.id, service.id),
      spec: {
        serviceName: service.id,
        replicas: 1,
        // Stop the old pod before the new one starts: one pod owns the volume.
        podManagementPolicy: 'OrderedReady',
        updateStrategy: { type: 'RollingUpdate' },
        selector,
        template,
        ...(claims.length > 0
          ? {
              volumeClaimTemplates: claims.map((volume) => ({
                metadata: { name: volume.name, labels: objectLabels(context.stack, service.id) },
                spec: renderClaimSpec(context, 'ReadWriteOnce'),
              })),
            }
          : {}),
      },
    };
  }
  const replicas = context.target.replicas.get(service.id) ?? 1;
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: metadata(context, service.id, service.id),
    spec: {
      replicas: context.holes.take(['services', service.id, 'replicas'], replicas),
      // Start the new pod first, remove an old one only when the new one is ready.
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } },
      selector,
      template,
    },
  };
}

/** Size requests are the cluster's business; aistack asks for 10Gi per volume unless told (docs/cluster.md). */
export function renderClaimSpec(context: WorkloadContext, accessMode: 'ReadWriteMany' | 'ReadWriteOnce'): Record<string, unknown> {
  return {
    accessModes: [accessMode],
    ...(context.target.storageClass !== undefined
      ? { storageClassName: context.holes.take(['storageClass'], context.target.storageClass) }
      : {}),
    resources: { requests: { storage: '10Gi' } },
  };
}

export function renderServiceAccount(context: WorkloadContext, service: StackService): KubernetesObject {
  return {
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: metadata(context, service.id, service.id),
    automountServiceAccountToken: false,
  };
}

export function renderClusterService(context: WorkloadContext, service: StackService): KubernetesObject | undefined {
  if (service.port === undefined || service.job) return undefined;
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: metadata(context, service.id, service.id),
    spec: {
      type: 'ClusterIP',
      selector: selectorLabels(context.stack, service.id),
      ports: renderPorts(context, service).map(({ name, port }) => ({ name, port, targetPort: name, protocol: 'TCP' })),
    },
  };
}

export function renderDisruptionBudget(context: WorkloadContext, service: StackService): KubernetesObject | undefined {
  if ((context.target.replicas.get(service.id) ?? 1) < 2 || service.job || isStateful(service)) return undefined;
  return {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: metadata(context, service.id, service.id),
    spec: { maxUnavailable: 1, selector: { matchLabels: selectorLabels(context.stack, service.id) } },
  };
}

/** A volume two services mount: one claim both pods name. */
export function renderSharedClaim(context: WorkloadContext, service: StackService, volume: string): KubernetesObject {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: metadata(context, volume, service.id),
    spec: renderClaimSpec(context, context.target.sharedVolumeAccessMode),
  };
}
