import { defineErrorCodes } from '../define-error-codes.js';

/** A service's key in aistack.yaml: `services.<id>` (catalog) or `custom.<id>`. */
interface ServiceFacts {
  key: 'services' | 'custom';
  service: string;
}

/** The codes of docs/errors/target.md, in the order of its table. */
export const targetErrors = defineErrorCodes({
  AIS_TARGET_UNAVAILABLE: {
    meaning: 'the target named with `--target` is not available in this build of aistack',
    fix: 'render for a target the build has (`compose`, `swarm`, `kubernetes`, `helm`)',
    message: ({ target }: { target: string }) => `the ${target} target is not available in this build of aistack`,
  },
  AIS_TARGET_SWARM_REPLICATED_STATE: {
    meaning:
      '`replicas` above 1 on a service that keeps data in a volume (a data store, Open WebUI, a custom service with ' +
      '`volumes`): on Swarm each replica would get its own empty volume on its node',
    fix: 'run one replica of it; replicate the stateless services that use it',
    message: ({ key, service, replicas }: ServiceFacts & { replicas: number }) =>
      `${key}.${service}.replicas is ${replicas}, but ${service} keeps its data in a volume of one node; Swarm would give each replica its own empty volume`,
  },
  AIS_TARGET_SWARM_REPLICATED_BIND_MOUNT: {
    meaning:
      '`replicas` above 1 on a service that mounts a host path (certificates, aistack.yaml, the Docker socket), which exists on one node only',
    fix: 'run one replica of it',
    message: ({ key, service, replicas, source }: ServiceFacts & { replicas: number; source: string }) =>
      `${key}.${service}.replicas is ${replicas}, but ${service} mounts a host path (${source}) that exists on one node only`,
  },
  AIS_TARGET_SWARM_GPU_WITHOUT_RESOURCE: {
    meaning: '`gpu: true` or `nvidia` with no `targets.swarm.gpuResource`: Swarm has no GPU device requests, only generic resources',
    fix: "advertise the GPUs in each node's daemon.json (`node-generic-resources`) and set `targets.swarm.gpuResource` (docs/cluster.md)",
    message: ({ key, service }: ServiceFacts) =>
      `${key}.${service}.gpu asks for an NVIDIA GPU, but Swarm has no GPU device requests: it reserves GPUs only as ` +
      'generic resources, and targets.swarm.gpuResource is not set',
  },
  AIS_TARGET_SWARM_GPU_AMD: {
    meaning:
      '`gpu: amd` on the swarm target: ROCm needs the /dev/kfd and /dev/dri devices, and Swarm services take no `devices` (moby/swarmkit#1244)',
    fix: 'run the AMD GPU service on the compose target (one host), or on Kubernetes with the AMD device plugin (`amd.com/gpu`)',
    message: ({ key, service }: ServiceFacts) =>
      `${key}.${service}.gpu is amd, but Swarm cannot give a service's tasks the /dev/kfd and /dev/dri devices ROCm ` +
      'needs: `devices` is not a Swarm service option',
  },
  AIS_TARGET_SWARM_DIRECT_PORT: {
    meaning:
      '`directPort` on the swarm target: Swarm cannot publish a port on 127.0.0.1 only, it would be open on every address of every node',
    fix: 'remove `directPort`; reach the service through the proxy or `docker exec`',
    message: ({ key, service, hostIp }: ServiceFacts & { hostIp: string }) =>
      `${key}.${service}.directPort publishes on ${hostIp}, but Swarm cannot bind a port to one address: it would be open on every address of every node`,
  },
  AIS_TARGET_SWARM_BIND_ADDRESS: {
    meaning: '`proxy.bind` names one address, but Swarm publishes on every address of the node',
    fix: 'remove `proxy.bind` for the swarm target; limit access with the host firewall',
    message: ({ bind }: { bind: string }) => `proxy.bind is ${bind}, but Swarm publishes a port on every address of the node`,
  },
  AIS_SWARM_NOT_MANAGER: {
    meaning: '`--target swarm` (or `targets.swarm.enabled`) on an Engine that is not a swarm manager',
    fix: '`docker swarm init` or join as a manager, or use `--target compose`',
    message: ({ state }: { state: string }) => `this Docker Engine is not a swarm manager (swarm state: ${state})`,
    section: 'Swarm runtime (`AIS_SWARM_*`)',
  },
  AIS_SWARM_NO_DATA_NODE: {
    meaning:
      'no swarm node has the label `targets.swarm.nodeLabel` (default `aistack.data`) = true, so stateful services could not be placed',
    fix: '`docker node update --label-add aistack.data=true <node>` on the node that keeps the data',
    message: ({ nodeLabel }: { nodeLabel: string }) =>
      `no swarm node has the label ${nodeLabel}=true, so the stateful services could not be placed`,
    section: 'Swarm runtime (`AIS_SWARM_*`)',
  },
  AIS_SWARM_CLI_FAILED: {
    meaning: '`docker stack deploy`/`stack rm`/`service logs` failed (its message follows)',
    fix: 'install the docker CLI; check `docker info` on this manager',
    message: ({ command, output }: { command: readonly string[]; output: string }) => `docker ${command.join(' ')} failed: ${output}`,
    section: 'Swarm runtime (`AIS_SWARM_*`)',
  },
  AIS_SWARM_UPDATE_ROLLED_BACK: {
    meaning:
      "Swarm rolled a service's update back (or paused it) because its new tasks failed; aistack then puts the last healthy revision back",
    fix: 'see `aistack logs <service>` and `docker service ps <stack>_<service>`, fix aistack.yaml, deploy again',
    message: ({ outcome, detail }: { outcome: 'rolled back' | 'paused'; detail: string }) =>
      `Swarm ${outcome === 'paused' ? 'paused the update' : 'rolled the update back'} (${detail})`,
    section: 'Swarm runtime (`AIS_SWARM_*`)',
  },
  AIS_SWARM_NOT_A_SWARM_REVISION: {
    meaning: 'the revision to apply was deployed with compose, not to Swarm',
    fix: 'roll back to a swarm revision (`aistack history`), or use `--target compose`',
    message: ({ revision }: { revision: number }) => `revision ${revision} was not deployed to Swarm`,
    section: 'Swarm runtime (`AIS_SWARM_*`)',
  },
  AIS_SWARM_NO_REVISION: {
    meaning: '`aistack rollback --target swarm` found no earlier healthy swarm revision, or the one named is not a swarm revision',
    fix: 'pick a swarm revision from `aistack history`',
    message: ({ revision }: { revision: number | undefined }) =>
      revision === undefined ? 'no earlier healthy swarm revision to roll back to' : `revision ${revision} is not a swarm revision`,
    section: 'Swarm runtime (`AIS_SWARM_*`)',
  },
  AIS_SWARM_DOWN_TIMEOUT: {
    meaning: 'after `docker stack rm`, services, networks, secrets or configs of the stack were still there after 90 s',
    fix: 'see `docker stack ps <stack>`, then run `aistack down --target swarm` again',
    message: ({ left, stack, seconds }: { left: number; stack: string; seconds: number }) =>
      `${left} objects of stack ${stack} were still there after ${seconds}s`,
    section: 'Swarm runtime (`AIS_SWARM_*`)',
  },
  AIS_SWARM_VOLUMES_KEPT: {
    meaning: "`aistack down --volumes` with the swarm target: the volumes live on the swarm's data node",
    fix: '`aistack down --target swarm`, then `docker volume rm` on the data node',
    message: () => '--volumes is not supported with --target swarm: the volumes live on the swarm nodes',
    section: 'Swarm runtime (`AIS_SWARM_*`)',
  },
});

export type TargetErrorCode = keyof typeof targetErrors;

/** What docs/errors/target.md says above its table, one string per paragraph. */
export const targetErrorsIntro: readonly string[] = [
  '# Cluster target errors (`AIS_TARGET_*`)',
  'Raised by `aistack render --target …` and the runtime commands with `--target swarm` when aistack.yaml asks for ' +
    'something the target cannot honour. Each names the key in aistack.yaml (file:line:column) and the alternative. See ' +
    '[docs/cluster.md](../cluster.md).',
];
