import { catalog } from '../../catalog/index.js';
import type { Stack } from '../../stack/types.js';
import { renderPostgresInit } from '../postgres-init.js';
import { findConnections } from './connections.js';
import { renderIngress } from './ingress.js';
import type { KubernetesObject } from './labels.js';
import { objectLabels } from './labels.js';
import { renderNetworkPolicies } from './network-policies.js';
import { isRenderedProjectPath } from './resolve-target.js';
import type { KubernetesTarget } from './resolve-target.js';
import type { ValueHoles } from './value-holes.js';
import type { WorkloadContext } from './workload.js';
import { renderClusterService, renderDisruptionBudget, renderServiceAccount, renderSharedClaim, renderWorkload } from './workload.js';

/** The objects of one output file, in apply order. */
export interface ObjectGroup {
  /** File name without extension: a service id, or `network-policies`. */
  readonly name: string;
  readonly objects: readonly KubernetesObject[];
}

/**
 * Every object of the stack on Kubernetes, grouped by service (sorted by id), then the
 * namespace-wide NetworkPolicies. The Namespace itself is not here: the chart leaves it to
 * `helm install --create-namespace`, the plain manifests add it (render-kubernetes.ts).
 */
export function buildKubernetesObjects(stack: Stack, target: KubernetesTarget, holes: ValueHoles): ObjectGroup[] {
  const namespace = holes.take(['namespace'], target.namespace);
  const sharedVolumes = new Set(target.services.flatMap((service) => service.sharedVolumes.map((volume) => volume.name)));
  const configMaps = new Map<string, string>();
  const configMapObjects = new Map<string, KubernetesObject>();
  const initFiles = renderPostgresInit(stack);
  for (const service of target.services) {
    for (const file of service.files) {
      if (!isRenderedProjectPath(file.source) || initFiles.length === 0) continue;
      const name = `${service.id}-init`;
      configMaps.set(file.source, name);
      configMapObjects.set(service.id, {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name, namespace, labels: objectLabels(stack, service.id) },
        data: Object.fromEntries(initFiles.map((rendered) => [rendered.path.slice(rendered.path.lastIndexOf('/') + 1), rendered.content])),
      });
    }
  }
  const context: WorkloadContext = {
    stack,
    target,
    holes,
    catalog: new Map(catalog.map((entry) => [entry.id, entry])),
    sharedVolumes,
    configMaps,
    namespace,
    connections: findConnections(target.services),
  };
  const policies = renderNetworkPolicies(stack, target, holes);
  const policyOf = new Map(policies.map((policy) => [policy.metadata.name, policy]));

  const groups: ObjectGroup[] = target.services.map((service) => {
    const objects: (KubernetesObject | undefined)[] = [
      renderServiceAccount(context, service),
      configMapObjects.get(service.id),
      ...service.volumes
        .filter((volume) => sharedVolumes.has(volume.name))
        .map((volume) => renderSharedClaim(context, service, volume.name)),
      renderClusterService(context, service),
      renderWorkload(context, service),
      renderDisruptionBudget(context, service),
      renderIngress(stack, target, holes, service),
      policyOf.get(service.id),
    ];
    return { name: service.id, objects: objects.filter((object): object is KubernetesObject => object !== undefined) };
  });
  groups.push({
    name: 'network-policies',
    objects: policies.filter((policy) => policy.metadata.name === 'default-deny' || policy.metadata.name === 'allow-dns'),
  });
  return groups;
}
