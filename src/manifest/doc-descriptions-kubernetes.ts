/** docs/manifest.md descriptions of `targets.kubernetes` (src/manifest/target-kubernetes.ts); docs/cluster.md says more. */
export const KUBERNETES_DESCRIPTIONS: Readonly<Record<string, string>> = {
  'targets.kubernetes.namespace': 'Namespace of every object. Default: the stack name, with `_` as `-`.',
  'targets.kubernetes.storageClass': "StorageClass of every PersistentVolumeClaim. Default: the cluster's default class.",
  'targets.kubernetes.sharedVolumeAccessMode':
    "Access mode of a volume two services mount (Dify's storage): `ReadWriteMany` (needs a class that offers it) or `ReadWriteOnce`. Default: `ReadWriteMany`.",
  'targets.kubernetes.ingress': 'How the Ingress objects that replace the proxy are made.',
  'targets.kubernetes.ingress.className':
    '`spec.ingressClassName`. With `nginx` (ingress-nginx) basic auth, upload size, timeouts and streaming are set as its ' +
    'annotations; another class refuses routes that need basic auth. Default: `nginx`.',
  'targets.kubernetes.ingress.controllerNamespace':
    'Namespace the ingress controller runs in: the NetworkPolicies let only it reach routed services. Default: `ingress-nginx`.',
  'targets.kubernetes.ingress.tlsSecret':
    'Secret of type kubernetes.io/tls with a certificate for every host (`aistack secrets export --target kubernetes` ' +
    "creates it from the stack's certificate). Not used with cert-manager. Default: `<namespace>-tls`.",
  'targets.kubernetes.ingress.certManager': 'Let cert-manager issue one certificate per Ingress (Secret `<service>-tls`).',
  'targets.kubernetes.ingress.certManager.issuer': 'Name of the cert-manager issuer.',
  'targets.kubernetes.ingress.certManager.kind':
    '`ClusterIssuer` (annotation `cert-manager.io/cluster-issuer`) or `Issuer` (`cert-manager.io/issuer`). Default: `ClusterIssuer`.',
  'targets.kubernetes.gpuResource':
    'Extended resource a `gpu: true` or `gpu: nvidia` service asks for: `nvidia.com/gpu` or `amd.com/gpu`; a `gpu: amd` ' +
    'service always asks for `amd.com/gpu`. Default: `nvidia.com/gpu`.',
  'targets.kubernetes.waitImage':
    'Image of the init containers that wait for a dependency (needs `sh` and `nc`; mirror it for air-gapped clusters). Default: `busybox:1.37.0`.',
  'targets.kubernetes.services': 'Per-service replicas and placement on the cluster, keyed by service id.',
  'targets.kubernetes.services.<id>.replicas':
    'Pods of a stateless service (a Deployment; 2 or more get a PodDisruptionBudget). Services with volumes and data stores ' +
    'run one pod. Default: `services.<id>.replicas`, else 1.',
  'targets.kubernetes.services.<id>.nodeSelector':
    "Node labels the service's pods must match: pins a stateful service to the nodes that can hold its volume.",
};
