import { execFile } from 'node:child_process';
import type Docker from 'dockerode';
import { DockerError } from '../../errors.js';
import { wrapDockerError } from '../docker-error.js';

/** One Swarm service as aistack reads it. */
export interface SwarmServiceState {
  readonly id: string;
  readonly name: string;
  readonly replicas: number;
  /** `updating`, `completed`, `rollback_started`, `rollback_completed`, `paused` … (absent before any update). */
  readonly updateState: string | undefined;
  readonly updateMessage: string | undefined;
  readonly updateStartedAt: Date | undefined;
  /** JSON of the task template's container spec, to tell tasks of the current spec from older ones. */
  readonly containerSpec: string;
}

export interface SwarmTask {
  readonly id: string;
  readonly state: string;
  readonly desiredState: string;
  readonly error: string | undefined;
  readonly message: string | undefined;
  readonly containerSpec: string;
  readonly containerId: string | undefined;
  readonly createdAt: Date;
}

/** The Swarm calls aistack makes: the Engine API for reads, the docker CLI for `stack deploy`/`stack rm` (no API has them). */
export interface SwarmEngine {
  /** `active` when this Engine is a swarm manager's node; else what it is. */
  localState(): Promise<{ readonly state: string; readonly manager: boolean }>;
  /** Nodes whose label `<label>` is `true`. */
  nodesLabelled(label: string): Promise<string[]>;
  service(name: string): Promise<SwarmServiceState | undefined>;
  tasks(name: string): Promise<SwarmTask[]>;
  /** Services of a stack (by namespace label), by their full name. */
  stackServices(stack: string): Promise<SwarmServiceState[]>;
  deploy(stack: string, file: string, directory: string): Promise<void>;
  remove(stack: string): Promise<void>;
  /** Replace every task of a service with a new one, by its update_config (`docker service update --force`). */
  forceUpdate(name: string): Promise<void>;
  /** Set a replicated service's task count (`docker service scale`), without waiting for it. */
  scale(name: string, replicas: number): Promise<void>;
  /** Whether anything of the stack (services, networks, secrets, configs) is left. */
  leftovers(stack: string): Promise<number>;
  logs(name: string, lines: number): Promise<string[]>;
}

const NAMESPACE = 'com.docker.stack.namespace';

export function createSwarmEngine(docker: Docker): SwarmEngine {
  const translate = (raw: Record<string, unknown>): SwarmServiceState => {
    const spec = raw.Spec as { Name: string; Mode?: { Replicated?: { Replicas?: number } }; TaskTemplate?: { ContainerSpec?: unknown } };
    const update = raw.UpdateStatus as { State?: string; Message?: string; StartedAt?: string } | undefined;
    return {
      id: String(raw.ID),
      name: spec.Name,
      replicas: spec.Mode?.Replicated?.Replicas ?? 1,
      updateState: update?.State,
      updateMessage: update?.Message,
      updateStartedAt: update?.StartedAt ? new Date(update.StartedAt) : undefined,
      containerSpec: JSON.stringify(spec.TaskTemplate?.ContainerSpec ?? {}),
    };
  };
  const call = async <T>(what: string, run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error: unknown) {
      throw wrapDockerError(error, what);
    }
  };
  return {
    localState: () =>
      call('read the swarm state', async () => {
        const info = (await docker.info()) as { Swarm?: { LocalNodeState?: string; ControlAvailable?: boolean } };
        return { state: info.Swarm?.LocalNodeState ?? 'inactive', manager: info.Swarm?.ControlAvailable === true };
      }),
    nodesLabelled: (label) =>
      call('list swarm nodes', async () => {
        const nodes = (await docker.listNodes()) as { Description?: { Hostname?: string }; Spec?: { Labels?: Record<string, string> } }[];
        return nodes.filter((node) => node.Spec?.Labels?.[label] === 'true').map((node) => node.Description?.Hostname ?? '?');
      }),
    service: async (name) => {
      try {
        return translate((await docker.getService(name).inspect()) as Record<string, unknown>);
      } catch (error: unknown) {
        if ((error as { statusCode?: number }).statusCode === 404) return undefined;
        throw wrapDockerError(error, `inspect service ${name}`);
      }
    },
    tasks: (name) =>
      call(`list the tasks of ${name}`, async () => {
        const tasks = (await docker.listTasks({ filters: { service: [name] } })) as Record<string, unknown>[];
        return tasks
          .filter((task) => (task.ServiceID as string | undefined) !== undefined)
          .map((task) => {
            const status = task.Status as { State: string; Err?: string; Message?: string; ContainerStatus?: { ContainerID?: string } };
            return {
              id: String(task.ID),
              state: status.State,
              desiredState: String(task.DesiredState),
              error: status.Err,
              message: status.Message,
              containerSpec: JSON.stringify((task.Spec as { ContainerSpec?: unknown }).ContainerSpec ?? {}),
              containerId: status.ContainerStatus?.ContainerID === '' ? undefined : status.ContainerStatus?.ContainerID,
              createdAt: new Date(String(task.CreatedAt)),
            };
          });
      }),
    stackServices: (stack) =>
      call(`list the services of ${stack}`, async () => {
        const services = (await docker.listServices({ filters: { label: [`${NAMESPACE}=${stack}`] } })) as unknown as Record<
          string,
          unknown
        >[];
        return services.map(translate).sort((a, b) => a.name.localeCompare(b.name));
      }),
    deploy: async (stack, file, directory) => {
      await dockerCli(['stack', 'deploy', '--compose-file', file, '--resolve-image', 'never', '--detach=true', stack], directory);
    },
    remove: async (stack) => {
      await dockerCli(['stack', 'rm', stack], undefined);
    },
    forceUpdate: async (name) => {
      await dockerCli(['service', 'update', '--force', '--detach=true', name], undefined);
    },
    scale: async (name, replicas) => {
      await dockerCli(['service', 'scale', '--detach=true', `${name}=${replicas}`], undefined);
    },
    leftovers: (stack) =>
      call(`list what is left of ${stack}`, async () => {
        const filters = { label: [`${NAMESPACE}=${stack}`] };
        const [services, networks, secrets, configs] = await Promise.all([
          docker.listServices({ filters }),
          docker.listNetworks({ filters }),
          docker.listSecrets({ filters }),
          docker.listConfigs({ filters }),
        ]);
        return services.length + networks.length + secrets.length + configs.length;
      }),
    logs: async (name, lines) => {
      const output = await dockerCli(['service', 'logs', '--no-trunc', '--tail', String(lines), name], undefined).catch(() => '');
      return output.split('\n').filter((line) => line !== '');
    },
  };
}

/** The docker CLI (stack deploy/rm exist only there); its own message on failure. */
function dockerCli(args: readonly string[], directory: string | undefined): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('docker', [...args], { cwd: directory, timeout: 120_000, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (!error) {
        resolve(`${stdout}${stderr}`);
        return;
      }
      reject(
        new DockerError('AIS_SWARM_CLI_FAILED', {
          command: args.slice(0, 2),
          output: (stderr || error.message).trim(),
          hint: 'the docker CLI must be installed and this Engine a swarm manager (`docker info`); see docs/cluster.md',
          cause: error,
        }),
      );
    });
  });
}
