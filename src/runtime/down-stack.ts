import { access } from 'node:fs/promises';
import path from 'node:path';
import { DockerError } from '../errors.js';
import { revisionDirectory } from './apply-revision.js';
import { createComposeProject } from './compose-project.js';
import type { RuntimeContext } from './runtime-context.js';
import { claimStack } from './stack-owner.js';

/** The compose file that describes what runs: the newest revision's, else the project's compose.yaml. */
export async function currentComposeFile(context: RuntimeContext): Promise<string> {
  for (const revision of context.store.listRevisions(50)) {
    const file = path.join(revisionDirectory(context, revision.id), 'compose.yaml');
    if (
      revision.result !== 'failed' &&
      (await access(file).then(
        () => true,
        () => false,
      ))
    )
      return file;
  }
  if (
    await access(context.paths.compose).then(
      () => true,
      () => false,
    )
  )
    return context.paths.compose;
  throw new DockerError('AIS_RUNTIME_NO_STACK', {
    directory: context.paths.directory,
    purpose: 'stop',
    hint: 'run `aistack status` to see what runs',
  });
}

/** Stop and remove the stack's containers and networks; volumes (data) only when asked. */
export async function downStack(context: RuntimeContext, stackName: string, options: { readonly volumes: boolean }): Promise<void> {
  await claimStack(context, stackName);
  const compose = await createComposeProject(
    { name: stackName, files: [await currentComposeFile(context)], projectDirectory: context.paths.directory },
    await context.compose(),
  );
  await compose.down({ volumes: options.volumes });
}
