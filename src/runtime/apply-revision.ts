import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'yaml';
import { writeRenderedFiles } from '../project/write-files.js';
import type { RenderedFile } from '../render/types.js';
import type { ComposeProject } from './compose-project.js';
import { createComposeProject } from './compose-project.js';
import { createDockerRolloutDriver } from './docker-rollout-driver.js';
import type { RolloutReport, RolloutService } from './rollout.js';
import { runRollout } from './rollout.js';
import type { RuntimeContext } from './runtime-context.js';
import type { Revision, RevisionImage } from './state-store.js';

/** .aistack/revisions/<id>/ — the exact files a revision applied. */
export function revisionDirectory(context: RuntimeContext, id: number): string {
  return path.join(context.paths.state, 'revisions', String(id));
}

/** The compose project of a revision (its own compose file, relative paths against the project). */
export async function composeProjectFor(
  context: RuntimeContext,
  revision: Revision,
  extraFiles: readonly string[] = [],
): Promise<ComposeProject> {
  const directory = revisionDirectory(context, revision.id);
  return createComposeProject(
    { name: revision.stackName, files: [path.join(directory, 'compose.yaml'), ...extraFiles], projectDirectory: context.paths.directory },
    context.compose,
  );
}

/**
 * Put a revision in place and roll it out: its files go to .aistack/revisions/<id>/ and into the
 * project (so bind-mounted configs match), compose creates what changed, and services start in
 * dependency order as soon as they are created. `pins` replace image references whose tag has
 * moved since the revision ran.
 */
export async function applyRevision(
  context: RuntimeContext,
  revision: Revision,
  files: readonly RenderedFile[],
  pins: readonly RevisionImage[] = [],
): Promise<RolloutReport> {
  const directory = revisionDirectory(context, revision.id);
  await mkdir(directory, { recursive: true, mode: 0o700 });
  await writeRenderedFiles(directory, files);
  await writeRenderedFiles(context.paths.directory, files);
  const extra: string[] = [];
  if (pins.length > 0) {
    const override = path.join(directory, 'images.pinned.yaml');
    await writeFile(
      override,
      stringify({ services: Object.fromEntries(pins.map((pin) => [pin.service, { image: pin.imageId }])) }, { version: '1.1' }),
    );
    extra.push(override);
  }
  const compose = await composeProjectFor(context, revision, extra);
  const startedAt = context.now();
  const plan = JSON.parse(revision.plan) as RolloutService[];
  const driver = await createDockerRolloutDriver(context.engine, compose, { startedAt });
  const progress = context.createProgress();
  try {
    const report = await runRollout(plan, driver, { onProgress: (services) => progress.update(services) });
    // compose could not create every container: its own error (with its hint) is the failure.
    await driver.created;
    return report;
  } finally {
    progress.finish();
    driver.close();
  }
}

/** The image each service of a project runs now (what a revision records once healthy). */
export async function collectImages(context: RuntimeContext, stackName: string): Promise<RevisionImage[]> {
  const containers = await context.engine.listContainers(stackName);
  const images = new Map<string, RevisionImage>();
  for (const container of containers)
    images.set(container.service, { service: container.service, reference: container.image, imageId: container.imageId });
  return [...images.values()];
}

/** Images of a revision whose reference now points elsewhere (or nowhere) but whose recorded ID is still here. */
export async function imagePins(context: RuntimeContext, images: readonly RevisionImage[]): Promise<RevisionImage[]> {
  const pins: RevisionImage[] = [];
  for (const image of images) {
    if (image.reference.startsWith('sha256:')) continue;
    const current = await context.engine.imageId(image.reference);
    if (current === image.imageId) continue;
    if ((await context.engine.imageId(image.imageId)) !== undefined) pins.push(image);
  }
  return pins;
}
