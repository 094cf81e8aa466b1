import { stringify } from 'yaml';
import type { Stack } from '../../stack/types.js';
import { buildKubernetesObjects } from '../kubernetes/build-objects.js';
import { stringifyObjects } from '../kubernetes/render-kubernetes.js';
import { resolveKubernetesTarget } from '../kubernetes/resolve-target.js';
import type { KubernetesRenderOptions } from '../kubernetes/resolve-target.js';
import { createHelmValueHoles, fillHelmPlaceholders, nestHelmValues } from '../kubernetes/value-holes.js';
import type { RenderedFile } from '../types.js';
import { GENERATED_NOTICE } from '../types.js';

/** Where `aistack render --target helm` writes the chart, relative to the project. */
export const HELM_DIRECTORY = 'helm';

/** Go templates read `{{` as an action: text that has one (none today) is written as a literal. */
function escapeTemplateActions(text: string): string {
  return text.replace(/\{\{/g, '{{ "{{" }}');
}

/** A chart name: the stack name, which allows `_`, with `-` instead. */
export function chartName(stack: Stack): string {
  return stack.name.replace(/_/g, '-');
}

/**
 * A Helm chart of the same objects as `--target kubernetes` (minus the Namespace, which
 * `helm install --create-namespace` makes): templates/ per service, values.yaml holding the
 * manifest's choices (namespace, images, replicas, hosts, ingress class, TLS secret, storage
 * class, issuer). No dependencies: PostgreSQL and Redis are StatefulSets of the catalog's images.
 * `helm template` with the default values renders exactly the plain manifests' objects.
 */
export function renderHelmChart(stack: Stack, options: KubernetesRenderOptions = {}): RenderedFile[] {
  const target = resolveKubernetesTarget(stack, options);
  const holes = createHelmValueHoles();
  const groups = buildKubernetesObjects(stack, target, holes);
  const name = chartName(stack);
  const base = `${HELM_DIRECTORY}/${name}`;
  const templates = groups.map((group) => ({
    path: `${base}/templates/${group.name}.yaml`,
    content: `# ${GENERATED_NOTICE}\n${fillHelmPlaceholders(escapeTemplateActions(stringifyObjects(group.objects)), holes.values)}`,
  }));
  const chart = {
    apiVersion: 'v2',
    name,
    description: `The ${stack.name} AI stack (${target.services.map((service) => service.id).join(', ')}), rendered by aistack`,
    type: 'application',
    version: '0.1.0',
    appVersion: '0.1.0',
    annotations: { 'aistack.ai/generated': 'true' },
  };
  const yamlOptions = { version: '1.1', lineWidth: 0, minContentWidth: 0, aliasDuplicateObjects: false } as const;
  return [
    { path: `${base}/Chart.yaml`, content: `# ${GENERATED_NOTICE}\n${stringify(chart, yamlOptions)}` },
    {
      path: `${base}/values.yaml`,
      content:
        `# ${GENERATED_NOTICE}\n# The choices aistack.yaml made; override them with --set or -f, or change aistack.yaml and ` +
        `render again.\n${stringify(nestHelmValues(holes.values), yamlOptions)}`,
    },
    ...templates,
  ].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
