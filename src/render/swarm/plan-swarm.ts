import { StackError } from '../../errors.js';
import type { SourceLocation } from '../../errors.js';
import type { Locate } from '../../manifest/locate.js';
import type { SwarmTargetSettings } from '../../manifest/target-swarm.js';
import { RELATIVE_PATHS } from '../../project/paths.js';
import { parseDurationSeconds } from '../../stack/resolve/duration.js';
import type { Stack, StackService } from '../../stack/types.js';

/** The Swarm view of one service: what the target decides beyond the Stack. */
export interface SwarmService {
  readonly service: StackService;
  /** Holds state (volumes, host files): pinned to the data node, updated stop-first, one replica. */
  readonly stateful: boolean;
  readonly order: 'start-first' | 'stop-first';
  /** Seconds Swarm watches an updated task (`update_config.monitor`). */
  readonly monitorSeconds: number;
  readonly constraints: readonly string[];
}

export interface SwarmPlan {
  readonly nodeLabel: string;
  readonly publishMode: 'host' | 'ingress';
  readonly gpuResource: string | undefined;
  readonly services: readonly SwarmService[];
}

export const DEFAULT_NODE_LABEL = 'aistack.data';

/**
 * Decide how the Stack runs on Swarm, and refuse what Swarm cannot honour with a positioned error
 * that names the key and the alternative (never a silently dropped key). Every problem is
 * reported: the first is thrown, the others ride along as `related`.
 */
export function planSwarm(stack: Stack, locate?: Locate): SwarmPlan {
  const settings: SwarmTargetSettings = stack.manifest.targets?.swarm ?? {};
  const nodeLabel = settings.nodeLabel ?? DEFAULT_NODE_LABEL;
  // Each problem is made once it is known which is thrown: the first carries the others as `related`.
  const problems: ((related: readonly StackError[]) => StackError)[] = [];
  const at = (path: readonly (string | number)[]): { location?: SourceLocation } => {
    const location = locate?.(path);
    return location ? { location } : {};
  };
  const keyOf = (service: StackService): 'services' | 'custom' => (service.catalogId ? 'services' : 'custom');

  if (stack.proxy.bind !== '0.0.0.0' && stack.proxy.bind !== '::') {
    problems.push(
      (related) =>
        new StackError('AIS_TARGET_SWARM_BIND_ADDRESS', {
          bind: stack.proxy.bind,
          ...at(['proxy', 'bind']),
          hint: 'remove proxy.bind for the swarm target and limit access with the host firewall',
          related,
        }),
    );
  }

  const services = stack.services.map((service): SwarmService => {
    const hostFiles = service.files.filter((file) => !isRenderedSource(file.source));
    const stateful = service.volumes.length > 0 || service.sharedVolumes.length > 0 || hostFiles.length > 0 || isDataStore(service);
    if (service.replicas > 1 && (service.volumes.length > 0 || isDataStore(service))) {
      problems.push(
        (related) =>
          new StackError('AIS_TARGET_SWARM_REPLICATED_STATE', {
            key: keyOf(service),
            service: service.id,
            replicas: service.replicas,
            ...at([keyOf(service), service.id, 'replicas']),
            hint: `run one replica of ${service.id} (remove replicas); replicate the stateless services that use it instead`,
            related,
          }),
      );
    } else if (service.replicas > 1 && hostFiles.length > 0) {
      problems.push(
        (related) =>
          new StackError('AIS_TARGET_SWARM_REPLICATED_BIND_MOUNT', {
            key: keyOf(service),
            service: service.id,
            replicas: service.replicas,
            source: hostFiles[0]!.source,
            ...at([keyOf(service), service.id, 'replicas']),
            hint: `run one replica of ${service.id} (remove replicas)`,
            related,
          }),
      );
    }
    if (service.gpu === 'amd') {
      problems.push(
        (related) =>
          new StackError('AIS_TARGET_SWARM_GPU_AMD', {
            key: keyOf(service),
            service: service.id,
            ...at([keyOf(service), service.id, 'gpu']),
            hint: `run ${service.id} with gpu: amd on the compose target (one host), or on Kubernetes with the AMD device plugin (docs/cluster.md)`,
            related,
          }),
      );
    } else if (service.gpu && !settings.gpuResource) {
      problems.push(
        (related) =>
          new StackError('AIS_TARGET_SWARM_GPU_WITHOUT_RESOURCE', {
            key: keyOf(service),
            service: service.id,
            ...at([keyOf(service), service.id, 'gpu']),
            hint:
              'advertise the GPUs in each node\'s daemon.json ("node-generic-resources": ["NVIDIA-GPU=GPU-…"]) and set ' +
              'targets.swarm.gpuResource: NVIDIA-GPU (docs/cluster.md)',
            related,
          }),
      );
    }
    const direct = service.id === 'proxy' ? [] : service.hostPorts;
    if (direct.length > 0) {
      problems.push(
        (related) =>
          new StackError('AIS_TARGET_SWARM_DIRECT_PORT', {
            key: keyOf(service),
            service: service.id,
            hostIp: direct[0]!.hostIp,
            ...at([keyOf(service), service.id, 'directPort']),
            hint: `remove directPort from ${service.id} for the swarm target; reach it through the proxy or \`docker exec\``,
            related,
          }),
      );
    }
    return {
      service,
      stateful,
      order: stateful ? 'stop-first' : 'start-first',
      monitorSeconds: settings.monitorSeconds ?? healthWindowSeconds(service),
      constraints: stateful ? [`node.labels.${nodeLabel} == true`] : [],
    };
  });

  const [first, ...others] = problems;
  if (first) throw first(others.map((problem) => problem([])));
  return { nodeLabel, publishMode: settings.publishMode ?? 'host', gpuResource: settings.gpuResource, services };
}

/** Sources aistack renders (they become Swarm configs); anything else is a path on one host. */
function isRenderedSource(source: string): boolean {
  return [RELATIVE_PATHS.proxy, RELATIVE_PATHS.socketProxy, RELATIVE_PATHS.postgresInit].some(
    (prefix) => source === prefix || source.startsWith(`${prefix}/`),
  );
}

/** Data stores: the catalog's databases, caches and vector stores. */
export function isDataStore(service: StackService): boolean {
  return service.category === 'database' || service.category === 'cache' || service.category === 'vector';
}

/** How long a health check takes to call a healthy task unhealthy: interval × retries (at least 5 s). */
function healthWindowSeconds(service: StackService): number {
  if (!service.health) return 5;
  const interval = parseDurationSeconds(service.health.interval ?? '10s');
  return Math.max(5, interval * (service.health.retries ?? 5));
}
