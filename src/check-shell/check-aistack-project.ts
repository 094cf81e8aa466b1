import { existsSync } from 'node:fs';
import path from 'node:path';
import type { DisabledRule, Finding } from '../check/types.js';
import { checkRenderedFiles } from '../project/check-rendered.js';
import { loadProject } from '../project/load.js';
import { RELATIVE_PATHS } from '../project/paths.js';
import { detectRenderOptions, renderProjectFiles } from '../project/render-project.js';
import { ensureGpuHost } from '../runtime/ensure-gpu-host.js';
import type { EnsureGpuHostOptions } from '../runtime/ensure-gpu-host.js';
import { resolveTlsFiles } from '../tls/layout.js';
import { gatherDockerRuntimes } from './gather-docker-runtimes.js';
import { gatherOwnPorts } from './gather-own-ports.js';
import { gatherTrackedFiles } from './gather-tracked-files.js';
import { readOptionalText } from './read-text.js';

export interface CheckAistackProjectOptions {
  /** Markdown beyond STACK.md and README.md. */
  readonly docs?: readonly string[];
  readonly probe: boolean;
  readonly disabled?: readonly DisabledRule[];
  readonly environment?: Readonly<Record<string, string | undefined>>;
  /** Where GPU detection looks (tests pass a fake /dev tree). @default / and the host's commands */
  readonly accelerators?: EnsureGpuHostOptions['accelerators'];
}

/**
 * `aistack check` inside an aistack project: what aistack.yaml renders now, in memory (so it works
 * right after `init` and never checks a stale compose.yaml), plus drift between that and the
 * rendered files on disk, and secret files that git tracks.
 */
export async function checkAistackProject(directory: string, options: CheckAistackProjectOptions): Promise<Finding[]> {
  const project = await loadProject(directory);
  // Probing looks at this host: a GPU it cannot give containers is an error at the `gpu` key (--no-probe skips it, e.g. in CI).
  if (options.probe)
    await ensureGpuHost(project, {
      dockerRuntimes: await gatherDockerRuntimes(),
      ...(options.accelerators ? { accelerators: options.accelerators } : {}),
    });
  const { paths } = project;
  const files = renderProjectFiles(project, await detectRenderOptions(project));
  const renderedOnDisk = await Promise.all(
    files.map(async (file) => ({ path: file.path, content: await readOptionalText(path.join(paths.directory, file.path)) })),
  );
  const secretsDirectory = RELATIVE_PATHS.secrets.replace(/^\.\//, '');
  const trackedFiles = await gatherTrackedFiles(paths.directory, [secretsDirectory]);
  const readme = path.join(paths.directory, 'README.md');
  const docs = [...(existsSync(readme) ? [readme] : []), ...(options.docs ?? []).map((file) => path.resolve(file))];
  const tls = resolveTlsFiles(paths.tls);
  return checkRenderedFiles(project, files, {
    probe: options.probe,
    docs: docs.map((file) => ({ file })),
    certificates: existsSync(tls.fullchain) ? [{ certificate: tls.fullchain, key: tls.privateKey }] : [],
    facts: { renderedOnDisk, trackedFiles },
    ...(options.environment ? { environment: options.environment } : {}),
    ...(options.disabled ? { disabled: options.disabled } : {}),
    ...(options.probe ? { ownPorts: await gatherOwnPorts(project.stack.name) } : {}),
  });
}
