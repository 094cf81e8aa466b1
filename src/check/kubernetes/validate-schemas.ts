import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { PersistentVolumeClaim } from 'kubernetes-models/v1/PersistentVolumeClaim';
import { Secret } from 'kubernetes-models/v1/Secret';
import { Service } from 'kubernetes-models/v1/Service';
import { ServiceAccount } from 'kubernetes-models/v1/ServiceAccount';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { StatefulSet } from 'kubernetes-models/apps/v1/StatefulSet';
import { DaemonSet } from 'kubernetes-models/apps/v1/DaemonSet';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { CronJob } from 'kubernetes-models/batch/v1/CronJob';
import { Ingress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';

/**
 * The Kubernetes OpenAPI schemas as the `kubernetes-models` package (5.1.0) ships them, checked
 * with ajv offline: no API server is asked. Only the kinds aistack renders (and a few others a
 * user's manifests commonly hold) are known; another kind is reported, not skipped.
 */
const MODELS: Readonly<Record<string, new (data: never) => { validate(): void }>> = {
  'v1/ConfigMap': ConfigMap,
  'v1/Namespace': Namespace,
  'v1/PersistentVolumeClaim': PersistentVolumeClaim,
  'v1/Secret': Secret,
  'v1/Service': Service,
  'v1/ServiceAccount': ServiceAccount,
  'apps/v1/Deployment': Deployment,
  'apps/v1/StatefulSet': StatefulSet,
  'apps/v1/DaemonSet': DaemonSet,
  'batch/v1/Job': Job,
  'batch/v1/CronJob': CronJob,
  'networking.k8s.io/v1/Ingress': Ingress,
  'networking.k8s.io/v1/NetworkPolicy': NetworkPolicy,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
};

/** What the schema said about one object: empty when it validates. */
export function validateKubernetesSchema(object: unknown): string[] {
  if (typeof object !== 'object' || object === null) return ['not an object'];
  const { apiVersion, kind } = object as { apiVersion?: unknown; kind?: unknown };
  const Model = MODELS[`${String(apiVersion)}/${String(kind)}`];
  if (!Model) return [`unknown kind ${String(apiVersion)}/${String(kind)} (known: ${Object.keys(MODELS).join(', ')})`];
  try {
    new Model(object as never).validate();
    return [];
  } catch (error: unknown) {
    const errors = (error as { errors?: unknown }).errors;
    if (Array.isArray(errors))
      return (errors as { instancePath?: string; message?: string }[]).map(
        (entry) =>
          `${entry.instancePath === undefined || entry.instancePath === '' ? '/' : entry.instancePath} ${entry.message ?? 'is invalid'}`,
      );
    return [error instanceof Error ? error.message : String(error)];
  }
}
