import { createProjectContext } from '../check/project-context.js';
import type { Facts, Finding } from '../check/types.js';
import { checkFiles } from '../check-shell/check-files.js';
import type { DocumentInput } from '../check-shell/read-docs.js';
import type { RenderedFile } from '../render/types.js';
import type { Project } from './load.js';
import { RELATIVE_PATHS } from './paths.js';

export interface CheckRenderedOptions {
  /** Probe host ports and stat secret files (up/deploy); render checks only what it generated. */
  readonly probe: boolean;
  readonly ownPorts?: ReadonlySet<number>;
  /** Docs beyond the rendered STACK.md (README.md, `--docs`). */
  readonly docs?: readonly DocumentInput[];
  readonly certificates?: readonly { readonly certificate: string; readonly key?: string }[];
  /** Facts gathered by the caller: the rendered files on disk (drift), tracked files. */
  readonly facts?: Partial<Facts>;
  readonly environment?: Readonly<Record<string, string | undefined>>;
  readonly disabled?: readonly { readonly rule: string; readonly reason: string }[];
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
  return checkFiles({
    composeFile: project.paths.compose,
    composeText: compose.content,
    envText: env?.content ?? '',
    docs: [...docs, ...(options.docs ?? [])],
    project: createProjectContext(project.stack, {
      renderedFiles: files,
      secretsDirectory: RELATIVE_PATHS.secrets,
      manifestText: project.manifestText,
    }),
    probe: options.probe,
    ...(options.ownPorts ? { ownPorts: options.ownPorts } : {}),
    ...(options.certificates ? { certificates: options.certificates } : {}),
    ...(options.facts ? { facts: options.facts } : {}),
    ...(options.environment ? { environment: options.environment } : {}),
    relativeTo: project.paths.directory,
    disabled: [...(project.manifest.check?.disable ?? []), ...(options.disabled ?? [])],
  });
}
