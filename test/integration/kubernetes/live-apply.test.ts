import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { renderKubernetes } from '../../../src/render/kubernetes/render-kubernetes.js';
import { ensureKubeTools } from '../../support/kube-tools.js';
import { loadGoldenProject } from '../../render/kubernetes/render-project.js';

const run = promisify(execFile);
const kubeconfig = process.env.AISTACK_KUBECONFIG;

/**
 * Where a cluster exists (AISTACK_KUBECONFIG names its kubeconfig), the starter stack's
 * manifests are applied server-side with --dry-run=server: the API server validates and
 * admits every object, nothing is created. Skipped otherwise.
 */
describe('the rendered manifests on a live cluster', () => {
  it('the API server accepts every object of the starter stack (server-side dry run)', async (context) => {
    context.skip(
      !kubeconfig,
      'AISTACK_KUBECONFIG is not set (no cluster on this machine; docs/cluster.md says what was verified without one)',
    );
    const { kubectl } = await ensureKubeTools();
    const directory = await mkdtemp(path.join(os.tmpdir(), 'aisk8s-live-'));
    try {
      for (const file of renderKubernetes((await loadGoldenProject('starter')).stack)) {
        await mkdir(path.dirname(path.join(directory, file.path)), { recursive: true });
        await writeFile(path.join(directory, file.path), file.content);
      }
      const { stdout } = await run(
        kubectl,
        ['--kubeconfig', kubeconfig ?? '', 'apply', '--dry-run=server', '-k', path.join(directory, 'kubernetes')],
        {
          timeout: 120_000,
        },
      );
      expect(stdout).toContain('deployment.apps/open-webui');
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  }, 180_000);
});
