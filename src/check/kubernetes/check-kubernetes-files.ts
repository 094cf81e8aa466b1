import { isMap, isSeq, LineCounter, parseAllDocuments } from 'yaml';
import type { Node } from 'yaml';
import type { Finding, Severity } from '../types.js';
import { validateKubernetesSchema } from './validate-schemas.js';
import { scalarText } from '../../util/scalar-text.js';

/** One manifest file to check: a path for the findings and its text. */
export interface KubernetesFile {
  readonly path: string;
  readonly content: string;
}

/** The rules `aistack check --target kubernetes` applies to every object, besides the schema (docs/cluster.md). */
export const KUBERNETES_RULES: readonly { readonly id: string; readonly severity: Severity; readonly description: string }[] = [
  { id: 'kubernetes/schema', severity: 'error', description: 'Require every object to validate against the Kubernetes OpenAPI schemas' },
  { id: 'kubernetes/missing-probes', severity: 'warning', description: 'Require readiness and liveness probes on long-running containers' },
  { id: 'kubernetes/no-limits', severity: 'warning', description: 'Require CPU and memory limits on every container' },
  { id: 'kubernetes/privileged', severity: 'error', description: 'Disallow privileged containers and privilege escalation' },
  { id: 'kubernetes/host-path', severity: 'error', description: 'Disallow hostPath volumes' },
  { id: 'kubernetes/latest-tag', severity: 'warning', description: 'Disallow images without a tag or with the latest tag' },
  {
    id: 'kubernetes/inline-secret',
    severity: 'error',
    description: 'Disallow Secret values and secret-looking env values written into manifests',
  },
];

const SEVERITY = new Map(KUBERNETES_RULES.map((rule) => [rule.id, rule.severity]));
const SECRET_NAME = /(PASSWORD|SECRET|TOKEN|API_KEY|PRIVATE_KEY|MASTER_KEY)$/i;
const POD_KINDS: Readonly<Record<string, readonly string[]>> = {
  Deployment: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
  Pod: ['spec'],
};

type Json = Record<string, unknown>;

function child(value: unknown, key: string | number): unknown {
  if (Array.isArray(value) && typeof key === 'number') return value[key];
  return typeof value === 'object' && value !== null ? (value as Json)[key] : undefined;
}

function at(value: unknown, path: readonly (string | number)[]): unknown {
  return path.reduce<unknown>((node, key) => child(node, key), value);
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** Offset of a key path in a parsed YAML document (the nearest node that exists). */
function offsetOf(node: unknown, path: readonly (string | number)[]): number {
  let current = node;
  let offset = (node as Node | undefined)?.range?.[0] ?? 0;
  for (const segment of path) {
    if (isMap(current)) {
      const pair = current.items.find((item) => String((item.key as { value?: unknown } | null)?.value) === String(segment));
      if (!pair) break;
      offset = (pair.key as Node).range?.[0] ?? offset;
      current = pair.value;
    } else if (isSeq(current) && typeof segment === 'number') {
      const item = current.items[segment] as Node | undefined;
      if (!item) break;
      offset = item.range?.[0] ?? offset;
      current = item;
    } else break;
  }
  return offset;
}

interface Problem {
  readonly ruleId: string;
  readonly messageId: string;
  readonly path: readonly (string | number)[];
  readonly message: string;
}

/** The findings of the aistack rules for one object. */
function checkObject(object: Json): Problem[] {
  const problems: Problem[] = [];
  const kind = String(object.kind);
  const name = String(at(object, ['metadata', 'name']));
  if (kind === 'Secret' && (object.data !== undefined || object.stringData !== undefined)) {
    problems.push({
      ruleId: 'kubernetes/inline-secret',
      messageId: 'secretData',
      path: [object.data !== undefined ? 'data' : 'stringData'],
      message: `Secret ${name} holds its values in the manifest; create it from files (\`aistack secrets export --target kubernetes\`)`,
    });
  }
  const podPath = POD_KINDS[kind];
  if (!podPath) return problems;
  const pod = at(object, podPath);
  list(child(pod, 'volumes')).forEach((volume, index) => {
    if (child(volume, 'hostPath') !== undefined)
      problems.push({
        ruleId: 'kubernetes/host-path',
        messageId: 'hostPath',
        path: [...podPath, 'volumes', index, 'hostPath'],
        message: `${kind} ${name} mounts the node's ${String(at(volume, ['hostPath', 'path']))} (hostPath); use a PersistentVolumeClaim or a ConfigMap`,
      });
  });
  for (const group of ['initContainers', 'containers'] as const) {
    list(child(pod, group)).forEach((container, index) => {
      const base = [...podPath, group, index];
      const label = `${kind} ${name} container ${String(child(container, 'name'))}`;
      const image = scalarText(child(container, 'image'));
      const tag = /^(?:.*\/)?[^/:@]+(?::([^@]+))?(?:@sha256:[0-9a-f]{64})?$/.exec(image);
      if (!image.includes('@sha256:') && (!tag?.[1] || tag[1] === 'latest'))
        problems.push({
          ruleId: 'kubernetes/latest-tag',
          messageId: 'latestTag',
          path: [...base, 'image'],
          message: `${label} runs "${image}" without a pinned tag`,
        });
      const limits = at(container, ['resources', 'limits']);
      if (child(limits, 'cpu') === undefined || child(limits, 'memory') === undefined)
        problems.push({
          ruleId: 'kubernetes/no-limits',
          messageId: 'noLimits',
          path: [...base, 'resources'],
          message: `${label} has no CPU or memory limit`,
        });
      const security = child(container, 'securityContext');
      if (child(security, 'privileged') === true)
        problems.push({
          ruleId: 'kubernetes/privileged',
          messageId: 'privileged',
          path: [...base, 'securityContext', 'privileged'],
          message: `${label} is privileged`,
        });
      else if (child(security, 'allowPrivilegeEscalation') !== false)
        problems.push({
          ruleId: 'kubernetes/privileged',
          messageId: 'escalation',
          path: [...base, 'securityContext'],
          message: `${label} does not set allowPrivilegeEscalation: false`,
        });
      if (
        group === 'containers' &&
        kind !== 'Job' &&
        kind !== 'CronJob' &&
        (child(container, 'readinessProbe') === undefined || child(container, 'livenessProbe') === undefined)
      )
        problems.push({
          ruleId: 'kubernetes/missing-probes',
          messageId: 'missingProbes',
          path: base,
          message: `${label} has no readiness or liveness probe`,
        });
      list(child(container, 'env')).forEach((variable, envIndex) => {
        const variableName = scalarText(child(variable, 'name'));
        const value = child(variable, 'value');
        if (SECRET_NAME.test(variableName) && typeof value === 'string' && value !== '' && !value.includes('/run/secrets/'))
          problems.push({
            ruleId: 'kubernetes/inline-secret',
            messageId: 'secretEnv',
            path: [...base, 'env', envIndex, 'value'],
            message: `${label} sets ${variableName} in the manifest; read it from a mounted Secret (a _FILE variable) instead`,
          });
      });
    });
  }
  return problems;
}

/**
 * Checks Kubernetes manifests offline: each object against the OpenAPI schemas, then the rules
 * above. A finding points at the line of the key. Pure: the caller reads the files.
 */
export function checkKubernetesFiles(files: readonly KubernetesFile[]): Finding[] {
  const findings: Finding[] = [];
  for (const file of files) {
    const lineCounter = new LineCounter();
    for (const document of parseAllDocuments(file.content, { lineCounter })) {
      const position = (path: readonly (string | number)[]): { line: number; column: number; endLine: number; endColumn: number } => {
        const { line, col } = lineCounter.linePos(offsetOf(document.contents, path));
        return { line, column: col, endLine: line, endColumn: col };
      };
      const push = (problem: Problem): void => {
        findings.push({
          ruleId: problem.ruleId,
          messageId: problem.messageId,
          data: {},
          severity: SEVERITY.get(problem.ruleId) ?? 'error',
          message: problem.message,
          file: file.path,
          ...position(problem.path),
        });
      };
      if ('errors' in document && document.errors.length > 0) {
        for (const error of document.errors)
          push({
            ruleId: 'kubernetes/schema',
            messageId: 'yaml',
            path: [],
            message: `not valid YAML: ${error.message.split('\n')[0] ?? ''}`,
          });
        continue;
      }
      const object: unknown = document.toJS();
      if (object === null || object === undefined) continue;
      const kind = String(child(object, 'kind'));
      if (kind === 'Kustomization') continue;
      for (const message of validateKubernetesSchema(object)) {
        const instancePath = message.split(' ')[0] ?? '/';
        const path = instancePath
          .split('/')
          .filter((segment) => segment !== '')
          .map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
        push({
          ruleId: 'kubernetes/schema',
          messageId: 'schema',
          path,
          message: `${kind} ${String(at(object, ['metadata', 'name']))}: ${message}`,
        });
      }
      if (typeof object === 'object') for (const problem of checkObject(object as Json)) push(problem);
    }
  }
  return findings.sort((a, b) => (a.file !== b.file ? (a.file < b.file ? -1 : 1) : a.line - b.line || a.column - b.column));
}
