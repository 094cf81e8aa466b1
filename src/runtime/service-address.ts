import type Docker from 'dockerode';
import { DockerError } from '../errors.js';
import { wrapDockerError } from './docker-error.js';
import { ONE_OFF_LABEL } from './engine.js';
import { listStackContainers, projectOfLabels, serviceOfLabels, SWARM_NAMESPACE_LABEL } from './stack-containers.js';

/**
 * The one answer to "which container of this stack's service do I talk to, and at which address
 * does this host reach it": containers found by compose or Swarm labels (stack-containers.ts),
 * `docker compose run` one-offs left out, and an address only on a bridge network, the kind a
 * Linux Docker host routes to (an overlay or a macvlan network is not reachable from the host).
 * Every way it can fail has its own code, so each caller decides what "not there" means for it.
 */
export const SERVICE_LOOKUP_ERRORS = {
  noContainer: 'AIS_RUNTIME_NO_CONTAINER',
  notRunning: 'AIS_RUNTIME_CONTAINER_NOT_RUNNING',
  severalContainers: 'AIS_RUNTIME_SEVERAL_CONTAINERS',
  noReachableNetwork: 'AIS_RUNTIME_NO_REACHABLE_NETWORK',
} as const;

export type ServiceLookupCode = (typeof SERVICE_LOOKUP_ERRORS)[keyof typeof SERVICE_LOOKUP_ERRORS];

/** Whether `error` is this lookup's error with one of `codes` (any of them when none is given). */
export function isServiceLookupError(error: unknown, ...codes: readonly ServiceLookupCode[]): error is DockerError {
  if (!(error instanceof DockerError)) return false;
  const all: readonly string[] = Object.values(SERVICE_LOOKUP_ERRORS);
  return codes.length === 0 ? all.includes(error.code) : (codes as readonly string[]).includes(error.code);
}

export interface ServiceContainerNetwork {
  readonly name: string;
  readonly id: string;
  /** Empty when the container has no address there (network `none`, `host`, or not running). */
  readonly ip: string;
}

/** One container of a stack's service, as `docker ps` lists it. */
export interface ServiceContainer {
  readonly id: string;
  readonly name: string;
  readonly project: string;
  readonly service: string;
  /** Who made it: compose (compose's labels) or a Swarm stack (`com.docker.stack.namespace`). */
  readonly orchestrator: 'compose' | 'swarm';
  /** The image as the container was created from it (a reference, or an id once the tag moved on). */
  readonly image: string;
  /** Docker's state: running, exited, created, paused, restarting, dead, removing. */
  readonly state: string;
  /** Unix seconds: two containers made in the same second tie, and the order Docker lists them in (newest first) decides. */
  readonly created: number;
  /** Ordered by name. */
  readonly networks: readonly ServiceContainerNetwork[];
}

export interface ServiceContainerQuery {
  /** The compose project or Swarm stack (the Stack's name). */
  readonly project: string;
  readonly service: string;
  /**
   * `running`: only a running container will do (to connect to it or exec in it); `any`: a stopped
   * one serves too (to reach its volumes), a running one is still preferred and, when none runs,
   * the newest (Swarm keeps the containers of earlier tasks).
   * @default 'running'
   */
  readonly state?: 'running' | 'any';
  /**
   * `one`: several running containers are an error (a server whose data matters: which one holds
   * it?); `first`: the first by name (replicas that answer alike, as Docker's DNS would pick one).
   * @default 'one'
   */
  readonly replicas?: 'one' | 'first';
}

/** Where this host reaches a service: its container, the network and the IP on it. */
export interface ServiceAddress {
  readonly container: ServiceContainer;
  readonly network: string;
  readonly ip: string;
}

/** The one container of a service that `query` asks for; throws a coded DockerError (SERVICE_LOOKUP_ERRORS). */
export async function findServiceContainer(docker: Docker, query: ServiceContainerQuery): Promise<ServiceContainer> {
  let summaries: Docker.ContainerInfo[];
  try {
    summaries = await listStackContainers(docker, query.project, { service: query.service });
  } catch (error: unknown) {
    throw wrapDockerError(error, `list containers of ${query.project}`);
  }
  // `docker compose run` containers carry the service's labels too; they are not the service.
  const containers = summaries.filter((summary) => summary.Labels[ONE_OFF_LABEL] !== 'True').map(describeContainer);
  return selectServiceContainer(containers, query);
}

/** The running container of a service and its IP on a bridge network; throws a coded DockerError (SERVICE_LOOKUP_ERRORS). */
export async function findServiceAddress(docker: Docker, query: Omit<ServiceContainerQuery, 'state'>): Promise<ServiceAddress> {
  const container = await findServiceContainer(docker, { ...query, state: 'running' });
  let bridges: Docker.NetworkInspectInfo[];
  try {
    bridges = await docker.listNetworks({ filters: { driver: ['bridge'] } });
  } catch (error: unknown) {
    throw wrapDockerError(error, 'list the bridge networks');
  }
  return selectServiceAddress(container, new Set(bridges.map((network) => network.Id)));
}

/**
 * Pure: the container `query` asks for among a service's containers, given in the order Docker lists
 * them (newest first, to the nanosecond; `created` holds whole seconds only).
 */
export function selectServiceContainer(containers: readonly ServiceContainer[], query: ServiceContainerQuery): ServiceContainer {
  const candidates = containers.filter((container) => container.service === query.service && container.project === query.project);
  if (candidates.length === 0) {
    throw new DockerError(SERVICE_LOOKUP_ERRORS.noContainer, {
      service: query.service,
      stack: query.project,
      hint: 'start the stack (`aistack up`); `aistack status` shows what runs',
    });
  }
  const running = candidates.filter((container) => container.state === 'running').sort(byName);
  const [first, second] = running;
  if (first && second && (query.replicas ?? 'one') === 'one') {
    throw new DockerError(SERVICE_LOOKUP_ERRORS.severalContainers, {
      service: query.service,
      stack: query.project,
      containers: running.map((container) => container.name),
      hint:
        `run one container of ${query.service} (\`services.${query.service}.replicas: 1\`), or wait until a rollout that ` +
        'runs the old and the new one side by side has finished',
    });
  }
  if (first) return first;
  // A stable sort: containers created in the same second keep Docker's order.
  const newest = [...candidates].sort((a, b) => b.created - a.created)[0]!;
  if ((query.state ?? 'running') === 'any') return newest;
  throw new DockerError(SERVICE_LOOKUP_ERRORS.notRunning, {
    service: query.service,
    stack: query.project,
    container: newest.name,
    state: newest.state,
    hint: `start the stack (\`aistack up\`); \`aistack logs ${query.service}\` says why it stopped`,
  });
}

/** Pure: the first address of a running container on one of `bridgeNetworkIds`. */
export function selectServiceAddress(container: ServiceContainer, bridgeNetworkIds: ReadonlySet<string>): ServiceAddress {
  const network = container.networks.find((candidate) => candidate.ip !== '' && bridgeNetworkIds.has(candidate.id));
  if (network) return { container, network: network.name, ip: network.ip };
  throw new DockerError(SERVICE_LOOKUP_ERRORS.noReachableNetwork, {
    container: container.name,
    service: container.service,
    networks: container.networks.map((candidate) => candidate.name),
    hint:
      container.orchestrator === 'swarm'
        ? "a Swarm stack's overlay networks are not reachable from the host: run the command where the service names resolve, or publish the port"
        : "put the service on a bridge network (compose's networks are; `network_mode: host` or `none` have no container address)",
  });
}

function describeContainer(summary: Docker.ContainerInfo): ServiceContainer {
  const labels = summary.Labels;
  return {
    id: summary.Id,
    name: (summary.Names[0] ?? summary.Id.slice(0, 12)).replace(/^\//, ''),
    project: projectOfLabels(labels),
    service: serviceOfLabels(labels),
    orchestrator: labels[SWARM_NAMESPACE_LABEL] === undefined ? 'compose' : 'swarm',
    image: summary.Image,
    state: summary.State,
    created: summary.Created,
    networks: Object.entries(summary.NetworkSettings.Networks)
      .map(([name, network]) => ({ name, id: network.NetworkID, ip: network.IPAddress }))
      .sort((a, b) => a.name.localeCompare(b.name)),
  };
}

function byName(a: ServiceContainer, b: ServiceContainer): number {
  return a.name.localeCompare(b.name);
}
