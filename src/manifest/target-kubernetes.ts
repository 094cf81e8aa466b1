import { z } from 'zod';

/**
 * `targets.kubernetes` in aistack.yaml: what `aistack render --target kubernetes|helm` needs to
 * know that a single Docker host does not (docs/cluster.md). Every key is optional; the defaults
 * give manifests that apply to a cluster with ingress-nginx and a default storage class.
 */

const dnsLabel = z.string().regex(/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/, 'a DNS label such as ai-stack (lower-case letters, digits, -)');
const labelValue = z.string().regex(/^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/, 'a label value (letters, digits, -, _ and .)');
const labelKey = z
  .string()
  .regex(
    /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/,
    'a label key such as node-role/ai or disktype',
  );

export const kubernetesServiceSchema = z
  .strictObject({
    /** Pods of a stateless service (a Deployment). Data stores and services with volumes run one. @default services.<id>.replicas, else 1 */
    replicas: z.number().int().min(1).max(32).optional(),
    /** Node labels the pods must match (`nodeSelector`): pins a stateful service to the nodes that hold its volume. */
    nodeSelector: z.record(labelKey, labelValue).optional(),
  })
  .describe('Placement and replicas of one service on Kubernetes.');

export const kubernetesTargetSchema = z
  .strictObject({
    /** Namespace every object is created in. @default the stack name (with `_` as `-`) */
    namespace: dnsLabel.optional(),
    /** StorageClass of every PersistentVolumeClaim. @default the cluster's default class */
    storageClass: dnsLabel.optional(),
    /** Access mode of volumes two services mount (Dify's storage): needs a class that offers it. @default ReadWriteMany */
    sharedVolumeAccessMode: z.enum(['ReadWriteMany', 'ReadWriteOnce']).optional(),
    ingress: z
      .strictObject({
        /**
         * IngressClass (`spec.ingressClassName`); basic auth, body size and timeouts are set as ingress-nginx annotations when it
         * is `nginx`. @default nginx
         */
        className: dnsLabel.optional(),
        /** Namespace the ingress controller runs in (NetworkPolicies let it reach routed services). @default ingress-nginx */
        controllerNamespace: dnsLabel.optional(),
        /** Secret (type kubernetes.io/tls) with a certificate for every host; not used with cert-manager. @default <namespace>-tls */
        tlsSecret: dnsLabel.optional(),
        /** Let cert-manager issue one certificate per Ingress (annotations `cert-manager.io/cluster-issuer` or `cert-manager.io/issuer`). */
        certManager: z
          .strictObject({
            /** Name of the issuer. */
            issuer: dnsLabel,
            /** @default ClusterIssuer */
            kind: z.enum(['ClusterIssuer', 'Issuer']).optional(),
          })
          .optional(),
      })
      .optional(),
    /** Extended resource a `gpu: true`/`nvidia` service asks for (`gpu: amd` always asks for amd.com/gpu). @default nvidia.com/gpu */
    gpuResource: z.enum(['nvidia.com/gpu', 'amd.com/gpu']).optional(),
    /** Image of the init containers that wait for dependencies (needs `sh` and `nc`). @default busybox:1.37.0 */
    waitImage: z.string().min(1).optional(),
    /** Per-service replicas and placement. */
    services: z.record(z.string().regex(/^[a-z][a-z0-9-]{0,40}$/, 'a service id'), kubernetesServiceSchema).optional(),
  })
  .describe('How `aistack render --target kubernetes|helm` renders the stack for a Kubernetes cluster.');

export type KubernetesTargetSettings = z.output<typeof kubernetesTargetSchema>;
export type KubernetesServiceSettings = z.output<typeof kubernetesServiceSchema>;
