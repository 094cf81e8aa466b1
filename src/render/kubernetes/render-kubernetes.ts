import { stringify } from 'yaml';
import type { Stack } from '../../stack/types.js';
import type { RenderedFile } from '../types.js';
import { GENERATED_NOTICE } from '../types.js';
import { buildKubernetesObjects } from './build-objects.js';
import type { KubernetesObject } from './labels.js';
import { objectLabels } from './labels.js';
import { resolveKubernetesTarget } from './resolve-target.js';
import type { KubernetesRenderOptions } from './resolve-target.js';
import { PLAIN_VALUES } from './value-holes.js';

/** Where `aistack render --target kubernetes` writes, relative to the project. */
export const KUBERNETES_DIRECTORY = 'kubernetes';

/** YAML 1.1 quoting (`"off"`, `"yes"` stay strings for Go's YAML readers); no folding, no anchors. */
export function stringifyObjects(objects: readonly unknown[]): string {
  return objects
    .map((object) =>
      stringify(object, {
        version: '1.1',
        lineWidth: 0,
        minContentWidth: 0,
        aliasDuplicateObjects: false,
        defaultStringType: 'PLAIN',
        singleQuote: false,
      }),
    )
    .join('---\n');
}

/**
 * Plain manifests for kubectl and kustomize: one file per service (its ServiceAccount,
 * ConfigMap, claims, Service, workload, disruption budget, Ingress and NetworkPolicy), the
 * namespace-wide policies, the Namespace and a kustomization.yaml listing them. No Secret is
 * here: `aistack secrets export --target kubernetes` creates them from the secret files.
 * Pure and byte-stable.
 */
export function renderKubernetes(stack: Stack, options: KubernetesRenderOptions = {}): RenderedFile[] {
  const target = resolveKubernetesTarget(stack, options);
  const groups = buildKubernetesObjects(stack, target, PLAIN_VALUES);
  const namespace: KubernetesObject = {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: target.namespace, labels: objectLabels(stack, undefined) },
  };
  const files = [{ name: 'namespace', objects: [namespace] }, ...groups].map((group) => ({
    path: `${KUBERNETES_DIRECTORY}/${group.name}.yaml`,
    content: `# ${GENERATED_NOTICE}\n${stringifyObjects(group.objects)}`,
  }));
  const kustomization = {
    apiVersion: 'kustomize.config.k8s.io/v1beta1',
    kind: 'Kustomization',
    resources: files.map((file) => file.path.slice(KUBERNETES_DIRECTORY.length + 1)),
  };
  files.push({
    path: `${KUBERNETES_DIRECTORY}/kustomization.yaml`,
    content: `# ${GENERATED_NOTICE}\n${stringifyObjects([kustomization])}`,
  });
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
