import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { parseAllDocuments } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderHelmChart } from '../../../src/render/helm/render-helm-chart.js';
import { renderKubernetes } from '../../../src/render/kubernetes/render-kubernetes.js';
import type { RenderedFile } from '../../../src/render/types.js';
import { ensureKubeTools } from '../../support/kube-tools.js';
import { CLUSTER_CASES, loadGoldenProject } from '../../render/kubernetes/render-project.js';

const run = promisify(execFile);
let tools: { helm: string; kubectl: string };
let work: string;

beforeAll(async () => {
  tools = await ensureKubeTools();
  work = await mkdtemp(path.join(os.tmpdir(), 'aisk8s-'));
}, 180_000);

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

async function writeAll(directory: string, files: readonly RenderedFile[]): Promise<void> {
  for (const file of files) {
    await mkdir(path.dirname(path.join(directory, file.path)), { recursive: true });
    await writeFile(path.join(directory, file.path), file.content);
  }
}

/** Parsed objects sorted by kind and name, so two renderings compare regardless of file order. */
function sortedObjects(text: string): unknown[] {
  return parseAllDocuments(text)
    .map((document) => document.toJS() as { kind: string; metadata?: { name: string } } | null)
    .filter((object): object is { kind: string; metadata?: { name: string } } => object !== null)
    .sort((a, b) => `${a.kind}/${a.metadata?.name ?? ''}`.localeCompare(`${b.kind}/${b.metadata?.name ?? ''}`));
}

const environment = { ...process.env, HELM_CACHE_HOME: '', HELM_CONFIG_HOME: '', HELM_DATA_HOME: '' };

describe('the Helm chart and the plain manifests, through helm and kubectl (offline)', () => {
  for (const name of CLUSTER_CASES) {
    it(`${name}: helm lint passes, helm template renders the objects of --target kubernetes, kubectl kustomize builds the same`, async () => {
      const project = await loadGoldenProject(name);
      const directory = path.join(work, name);
      const plain = renderKubernetes(project.stack);
      const chart = renderHelmChart(project.stack);
      await writeAll(directory, [...plain, ...chart]);
      const chartDirectory = path.join(directory, path.dirname(chart.find((file) => file.path.endsWith('Chart.yaml'))?.path ?? ''));
      const helmEnvironment = {
        ...environment,
        HELM_CACHE_HOME: path.join(work, 'helm-cache'),
        HELM_CONFIG_HOME: path.join(work, 'helm-config'),
        HELM_DATA_HOME: path.join(work, 'helm-data'),
      };

      const lint = await run(tools.helm, ['lint', '--strict', chartDirectory], { env: helmEnvironment, timeout: 120_000 });
      expect(lint.stdout).toContain('0 chart(s) failed');

      const template = await run(tools.helm, ['template', 'release', chartDirectory], {
        env: helmEnvironment,
        timeout: 120_000,
        maxBuffer: 64 * 1024 * 1024,
      });
      const fromPlain = sortedObjects(plain.map((file) => file.content).join('\n---\n')).filter(
        (object) => !['Namespace', 'Kustomization'].includes((object as { kind: string }).kind),
      );
      expect(sortedObjects(template.stdout)).toEqual(fromPlain);

      const built = await run(tools.kubectl, ['kustomize', path.join(directory, 'kubernetes')], {
        timeout: 120_000,
        maxBuffer: 64 * 1024 * 1024,
      });
      expect(sortedObjects(built.stdout)).toEqual(
        sortedObjects(plain.map((file) => file.content).join('\n---\n')).filter(
          (object) => (object as { kind: string }).kind !== 'Kustomization',
        ),
      );
    }, 240_000);
  }
});
