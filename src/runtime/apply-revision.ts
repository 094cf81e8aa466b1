import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'yaml';
import { RELATIVE_PATHS } from '../project/paths.js';
import { writeRenderedFiles } from '../project/write-files.js';
import type { RenderedFile } from '../render/types.js';
import type { ComposeProject } from './compose-project.js';
import { createComposeProject } from './compose-project.js';
import { createDockerRolloutDriver } from './docker-rollout-driver.js';
import type { RolloutReport, RolloutService, ServiceProgress } from './rollout.js';
import { runRollout } from './rollout.js';
import { renderRuntimeOverride } from './runtime-override.js';
import { readStackOwner } from './stack-owner.js';
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
    await context.compose(),
  );
}

/** Options of one rollout. */
export interface ApplyOptions {
  /** Image references whose tag has moved since the revision ran, replaced by the recorded IDs. */
  readonly pins?: readonly RevisionImage[];
  /** Aborted (Ctrl-C): no further services start, waits stop, the report says `interrupted`. */
  readonly signal?: AbortSignal;
  /** Every progress update, besides the progress display. */
  readonly onProgress?: (services: readonly ServiceProgress[]) => void;
}

/**
 * Put a revision in place and roll it out: its files go to .aistack/revisions/<id>/ and into the
 * project (so bind-mounted configs match), with runtime.yaml beside them (owner labels, the digest
 * of what each service mounts, the revision's own aistack.yaml for the monitor); compose creates
 * what changed, and services start in dependency order as soon as they are created.
 */
export async function applyRevision(
  context: RuntimeContext,
  revision: Revision,
  files: readonly RenderedFile[],
  options: ApplyOptions = {},
): Promise<RolloutReport> {
  const directory = revisionDirectory(context, revision.id);
  await mkdir(directory, { recursive: true, mode: 0o700 });
  await writeRenderedFiles(directory, files);
  await writeRenderedFiles(context.paths.directory, files);
  const manifest = context.store.manifest(revision.id);
  const override = path.join(directory, 'runtime.yaml');
  await writeFile(
    override,
    renderRuntimeOverride({
      files,
      manifest,
      manifestFile: manifest === '' ? RELATIVE_PATHS.manifest : await writeManifestCopy(context, manifest),
      owner: await readStackOwner(context.paths),
    }),
  );
  const extra = [override];
  const pins = options.pins ?? [];
  if (pins.length > 0) {
    const pinned = path.join(directory, 'images.pinned.yaml');
    await writeFile(
      pinned,
      stringify({ services: Object.fromEntries(pins.map((pin) => [pin.service, { image: pin.imageId }])) }, { version: '1.1' }),
    );
    extra.push(pinned);
  }
  const compose = await composeProjectFor(context, revision, extra);
  const startedAt = context.now();
  const plan = JSON.parse(revision.plan) as RolloutService[];
  const driver = await createDockerRolloutDriver(context.engine, compose, { startedAt });
  const progress = context.createProgress();
  try {
    const report = await runRollout(plan, driver, {
      onProgress: (services) => {
        progress.update(services);
        options.onProgress?.(services);
      },
      ...(options.signal ? { signal: options.signal } : {}),
    });
    // compose could not create every container: its own error (with its hint) is the failure.
    await driver.created;
    return report;
  } finally {
    progress.finish();
    driver.close();
  }
}

/**
 * aistack.yaml as a revision applied it, stored once per content under .aistack/revisions/ and
 * readable by the monitor's non-root user; returns its path relative to the project.
 */
async function writeManifestCopy(context: RuntimeContext, manifest: string): Promise<string> {
  const name = `manifest-${createHash('sha256').update(manifest).digest('hex').slice(0, 16)}.yaml`;
  const file = path.join(context.paths.state, 'revisions', name);
  if ((await readFile(file, 'utf8').catch(() => undefined)) !== manifest) await writeFile(file, manifest, { mode: 0o644 });
  return `./${path.relative(context.paths.directory, file).split(path.sep).join('/')}`;
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
