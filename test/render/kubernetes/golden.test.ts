import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderHelmChart } from '../../../src/render/helm/render-helm-chart.js';
import { renderKubernetes } from '../../../src/render/kubernetes/render-kubernetes.js';
import type { RenderedFile } from '../../../src/render/types.js';
import { CLUSTER_CASES, goldenRoot, loadGoldenProject } from './render-project.js';

/**
 * Golden tests for the cluster targets: test/render/golden/<case>/expected-kubernetes/ and
 * expected-helm/ hold exactly what `render --target kubernetes|helm` writes. UPDATE_GOLDEN=1
 * rewrites them; review the diff like code.
 */
const update = process.env.UPDATE_GOLDEN === '1';
const targets = { kubernetes: renderKubernetes, helm: renderHelmChart } as const;

async function listFiles(directory: string): Promise<string[]> {
  if (!existsSync(directory)) return [];
  const entries = await readdir(directory, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(directory, path.join(entry.parentPath, entry.name)))
    .sort();
}

async function compare(directory: string, files: readonly RenderedFile[]): Promise<void> {
  if (update) {
    await rm(directory, { recursive: true, force: true });
    for (const file of files) {
      await mkdir(path.dirname(path.join(directory, file.path)), { recursive: true });
      await writeFile(path.join(directory, file.path), file.content);
    }
  }
  expect(files.map((file) => file.path).sort()).toEqual(await listFiles(directory));
  for (const file of files) expect(file.content, file.path).toBe(await readFile(path.join(directory, file.path), 'utf8'));
}

describe('cluster golden renders', () => {
  it('only the cluster cases have cluster golden files', async () => {
    const withClusterFiles = (await readdir(goldenRoot)).filter(
      (name) => existsSync(path.join(goldenRoot, name, 'expected-kubernetes')) || existsSync(path.join(goldenRoot, name, 'expected-helm')),
    );
    expect(withClusterFiles.sort()).toEqual([...CLUSTER_CASES]);
  });

  for (const name of CLUSTER_CASES) {
    for (const [target, render] of Object.entries(targets)) {
      it(`${name} renders for ${target} byte for byte`, async () => {
        const project = await loadGoldenProject(name);
        await compare(path.join(goldenRoot, name, `expected-${target}`), render(project.stack));
      });

      it(`${name} renders the same ${target} bytes twice`, async () => {
        const project = await loadGoldenProject(name);
        expect(render(project.stack)).toEqual(render((await loadGoldenProject(name)).stack));
      });
    }
  }
});
