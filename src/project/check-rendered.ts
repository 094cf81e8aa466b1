import { checkProject } from '../check/check-project.js';
import { createProjectContext } from '../check/project-context.js';
import type { Finding } from '../check/types.js';
import type { RenderedFile } from '../render/types.js';
import type { Project } from './load.js';

export interface CheckRenderedOptions {
  /** Probe host ports and stat secret files (up/deploy); render checks only what it generated. */
  readonly probe: boolean;
  readonly ownPorts?: ReadonlySet<number>;
}

/** `check` on the files about to be written or applied, honouring `check.disable` in aistack.yaml. */
export async function checkRenderedFiles(
  project: Project,
  files: readonly RenderedFile[],
  options: CheckRenderedOptions,
): Promise<Finding[]> {
  const compose = files.find((file) => file.path === 'compose.yaml');
  if (!compose) return [];
  const env = files.find((file) => file.path === '.env');
  const docs = files
    .filter((file) => file.path.endsWith('.md'))
    .map((file) => ({ file: `${project.paths.directory}/${file.path}`, text: file.content }));
  return checkProject({
    composeFile: project.paths.compose,
    composeText: compose.content,
    envText: env?.content ?? '',
    docs,
    project: createProjectContext(project.stack),
    probe: options.probe,
    ...(options.ownPorts ? { ownPorts: options.ownPorts } : {}),
    relativeTo: project.paths.directory,
    disabled: project.manifest.check?.disable ?? [],
  });
}
