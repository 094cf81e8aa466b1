import { renderStack } from '../render/index.js';
import type { RenderedFile } from '../render/types.js';
import type { Project } from './load.js';

/** Every file `aistack render` writes for a project. */
export function renderProjectFiles(project: Project): RenderedFile[] {
  return renderStack(project.stack);
}
