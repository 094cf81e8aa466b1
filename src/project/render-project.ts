import { createLocator } from '../manifest/locate.js';
import { renderStack } from '../render/index.js';
import type { RenderOptions } from '../render/index.js';
import type { RenderTarget } from '../render/targets.js';
import { renderTarget } from '../render/targets.js';
import type { RenderedFile } from '../render/types.js';
import { resolveTlsFiles } from '../tls/layout.js';
import { hasOcspResponder } from '../tls/status.js';
import type { Project } from './load.js';

/** Every file `aistack render` writes for a project. */
export function renderProjectFiles(project: Project, options: RenderOptions = {}): RenderedFile[] {
  return renderStack(project.stack, options);
}

/** What rendering needs to know from the disk: whether the served certificate names an OCSP responder. */
export async function detectRenderOptions(project: Project): Promise<RenderOptions> {
  // No certificate yet means no stapling; an unreadable or damaged one is an error (AIS_TLS_*), not "none".
  const ocspStapling = await hasOcspResponder(resolveTlsFiles(project.paths.tls));
  return { ocspStapling };
}

/** Every file `aistack render --target <target>` writes (compose: the same as renderProjectFiles). */
export function renderProjectTarget(
  project: Project,
  target: RenderTarget,
  options: RenderOptions & { readonly secretVersions?: Readonly<Record<string, string>> } = {},
): RenderedFile[] {
  if (target === 'compose') return renderProjectFiles(project, options);
  return renderTarget(target, project.stack, { ...options, locate: createLocator(project.manifestText, 'aistack.yaml') });
}
