import { defineErrorCodes } from '../define-error-codes.js';

/** A replica count too high for a service, at its key in aistack.yaml (`services.qdrant.replicas`). */
interface ReplicasFacts {
  path: readonly string[];
  replicas: number;
  service: string;
}

/** The codes of docs/errors/kubernetes.md, in the order of its table. */
export const kubernetesErrors = defineErrorCodes({
  AIS_KUBERNETES_REPLICATED_STATEFUL: {
    meaning: '`replicas` > 1 for a data store or a service that keeps its state in a volume (one pod owns a volume)',
    fix: 'remove the key; data stores run one pod (a replicated database needs an operator of its own)',
    message: ({ path, replicas, service, dataStore, volumes }: ReplicasFacts & { dataStore: boolean; volumes: readonly string[] }) =>
      `${path.join('.')} is ${replicas}, but ${service} ${dataStore ? 'is a data store' : 'keeps its state in a volume'} ` +
      `(${volumes.join(', ')}), which one pod owns on Kubernetes`,
  },
  AIS_KUBERNETES_REPLICATED_JOB: {
    meaning: '`replicas` > 1 for a one-shot job',
    fix: 'remove the key: a job runs once, as a Kubernetes Job',
    message: ({ path, replicas, service }: ReplicasFacts) => `${path.join('.')} is ${replicas}, but ${service} is a one-shot job`,
  },
  AIS_KUBERNETES_UNKNOWN_SERVICE: {
    meaning:
      '`targets.kubernetes.services` names a service the cluster does not run (not in the stack, or a host-only service: proxy, monitor, docker-socket-proxy)',
    fix: 'name a service of the stack, or remove the entry',
    message: ({ service }: { service: string }) =>
      `targets.kubernetes.services names "${service}", which is not a service of this stack on Kubernetes`,
  },
  AIS_KUBERNETES_NO_BASIC_AUTH: {
    meaning:
      '`targets.kubernetes.ingress.className` is not `nginx` but a route needs basic auth, which aistack sets only as ingress-nginx annotations',
    fix: 'use `className: nginx`, or authenticate in front yourself and set `route.auth: none`',
    message: ({ className, service }: { className: string; service: string }) =>
      `targets.kubernetes.ingress.className is "${className}", but ${service}'s route needs basic auth, which aistack sets ` +
      'only as ingress-nginx annotations',
  },
  AIS_KUBERNETES_USER_NAME: {
    meaning: '`custom.<id>.user` is a user name; Kubernetes runs containers as numeric ids only',
    fix: 'give the numeric uid[:gid]',
    message: ({ service, user }: { service: string; user: string }) =>
      `custom.${service}.user is "${user}"; Kubernetes runs containers as a numeric uid[:gid] only`,
  },
  AIS_KUBERNETES_HOST_MOUNT: {
    meaning: 'a service bind-mounts a host path, which pods on a cluster do not have',
    fix: 'put the file in an image or a ConfigMap of your own',
    message: ({ service, source, replicas }: { service: string; source: string; replicas: number }) =>
      `${service} bind-mounts ${source} from the host${replicas > 1 ? ` and runs ${replicas} replicas` : ''}; pods on a cluster have no such path`,
  },
});

export type KubernetesErrorCode = keyof typeof kubernetesErrors;

/** What docs/errors/kubernetes.md says above its table, one string per paragraph. */
export const kubernetesErrorsIntro: readonly string[] = [
  '# Kubernetes target errors (`AIS_KUBERNETES_*`)',
  'Raised by `aistack render --target kubernetes|helm` (and `aistack check --target kubernetes`, `aistack secrets export ' +
    '--target kubernetes`) when aistack.yaml asks for something a Kubernetes cluster cannot honour. Each names the key in ' +
    'aistack.yaml (file:line:column) and the alternative. See [docs/cluster.md](../cluster.md#kubernetes).',
];
