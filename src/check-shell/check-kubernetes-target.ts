import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { checkKubernetesFiles } from '../check/kubernetes/check-kubernetes-files.js';
import type { KubernetesFile } from '../check/kubernetes/check-kubernetes-files.js';
import type { Finding } from '../check/types.js';
import { loadProject } from '../project/load.js';
import { renderProjectTarget } from '../project/render-project.js';

/** YAML files named on the command line; a directory means every .yaml/.yml file under it. */
async function readManifests(paths: readonly string[]): Promise<KubernetesFile[]> {
  const files: KubernetesFile[] = [];
  for (const given of paths) {
    const absolute = path.resolve(given);
    const names = (await stat(absolute)).isDirectory()
      ? (await readdir(absolute, { recursive: true }))
          .filter((name) => /\.ya?ml$/.test(name))
          .sort()
          .map((name) => path.join(absolute, name))
      : [absolute];
    for (const name of names) files.push({ path: path.relative(process.cwd(), name) || name, content: await readFile(name, 'utf8') });
  }
  return files;
}

/**
 * `aistack check --target kubernetes`: the manifests given with -f, or the project's own
 * `--target kubernetes` render (in memory), against the Kubernetes schemas and aistack's rules.
 */
export async function checkKubernetesTarget(directory: string, paths: readonly string[] | undefined): Promise<Finding[]> {
  if (paths !== undefined) return checkKubernetesFiles(await readManifests(paths));
  const project = await loadProject(directory);
  return checkKubernetesFiles(renderProjectTarget(project, 'kubernetes'));
}
