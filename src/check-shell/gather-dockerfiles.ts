import path from 'node:path';
import type { ComposeModel } from '../check/model/compose-model.js';
import { isRecord } from '../check/model/compose-model.js';
import { readOptionalText } from './read-text.js';

/** The Dockerfile of every service with `build:` (`dockerfile_inline`, or the file in its context), for HEALTHCHECKs. */
export async function gatherDockerfiles(
  compose: ComposeModel,
  projectDirectory: string,
): Promise<{ service: string; text: string | undefined }[]> {
  const result: { service: string; text: string | undefined }[] = [];
  for (const service of compose.services) {
    const build = service.value.build;
    if (build === undefined) continue;
    const spec = typeof build === 'string' ? { context: build } : isRecord(build) ? build : {};
    if (typeof spec.dockerfile_inline === 'string') {
      result.push({ service: service.name, text: spec.dockerfile_inline });
      continue;
    }
    const context = typeof spec.context === 'string' ? spec.context : '.';
    // A remote context (git URL) cannot be read here.
    if (/^[a-z]+:\/\//i.test(context) || context.startsWith('git@')) continue;
    const file = path.resolve(projectDirectory, context, typeof spec.dockerfile === 'string' ? spec.dockerfile : 'Dockerfile');
    result.push({ service: service.name, text: await readOptionalText(file).catch(() => undefined) });
  }
  return result;
}
