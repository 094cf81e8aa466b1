import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { DockerError } from '../errors.js';
import { loadProject } from '../project/load.js';
import { createEngine } from '../runtime/engine.js';
import { createImageRegistry } from '../runtime/image-registry.js';
import { loadImages, saveImages } from '../runtime/images.js';
import { createPullTracker } from '../runtime/pull-progress.js';
import { assessStackImages, listStackImages, OWN_IMAGE, OWN_IMAGE_BUILD } from '../runtime/stack-images.js';
import { commandOutput, formatTable, printJson, projectDirectory } from './output.js';
import { createPullReporter } from './runtime-output.js';
import { isMissingFile } from '../util/is-missing-file.js';

export function registerImagesCommand(program: Command): void {
  const images = program
    .command('images')
    .description("Move the stack's images: pull them, save them to a tar, load them on an offline host");
  images
    .command('list')
    .description('The image each service runs (after overrides), and whether it is on this host')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      const project = await loadProject(projectDirectory(command));
      const present = await presence(project.stack.services.map((service) => service.image));
      const rows = project.stack.services.map((service) => ({
        service: service.id,
        image: service.image,
        present: present.get(service.image) ?? null,
      }));
      if (options.json) {
        printJson(rows);
        return;
      }
      const mark = (value: boolean | null): string => (value === null ? '?' : value ? 'yes' : 'no');
      process.stdout.write(
        formatTable(
          ['SERVICE', 'IMAGE', 'HERE'],
          rows.map((row) => [row.service, row.image, mark(row.present)]),
        ),
      );
    });
  images
    .command('pull')
    .description(
      "Pull every image of the stack (from the registry the manifest points at), with progress per image; aistack's own image is built, not pulled",
    )
    .action(async (_options: unknown, command: Command) => {
      const project = await loadProject(projectDirectory(command));
      const output = commandOutput(command);
      const engine = createEngine();
      await engine.info();
      const registry = createImageRegistry(engine.docker);
      const reporter = createPullReporter(output);
      const failed: string[] = [];
      let pulled = 0;
      try {
        for (const image of listStackImages(project.stack)) {
          if (image.reference === OWN_IMAGE) {
            output.note(`${OWN_IMAGE} is aistack's own image: built, not pulled (${OWN_IMAGE_BUILD})`);
            continue;
          }
          const tracker = createPullTracker(image.reference);
          try {
            await registry.pull(image.reference, (event) => reporter.onPull(tracker.push(event)));
            reporter.onPull(tracker.finish('done'));
            pulled += 1;
          } catch (error: unknown) {
            const reason = error instanceof Error ? error.message : String(error);
            reporter.onPull(tracker.finish('failed', reason));
            failed.push(reason);
          }
        }
      } finally {
        reporter.finish();
      }
      if (failed.length > 0) {
        throw new DockerError('AIS_RUNTIME_PULL_FAILED', {
          reasons: failed,
          hint:
            'on a host without a registry: `aistack images load -i <file>` (a tar from `aistack images save` on a connected ' +
            'host), or point images.registry at a registry you can reach',
        });
      }
      output.info(`Pulled ${pulled} images.`);
    });
  images
    .command('save')
    .description('Write every image of the stack into one tar (docker save)')
    .requiredOption('-o, --output <file>', 'tar file to write')
    .action(async (options: { output: string }, command: Command) => {
      const project = await loadProject(projectDirectory(command));
      await assertWritableOutput(options.output);
      const engine = createEngine();
      await engine.info();
      const assessed = await assessStackImages(engine, project.stack);
      const missing = assessed.filter((image) => image.state.kind !== 'present');
      if (missing.length > 0) {
        throw new DockerError('AIS_RUNTIME_IMAGES_MISSING', {
          total: assessed.length,
          unsaved: missing,
          hint: missing.some((image) => image.reference === OWN_IMAGE)
            ? `pull the others with \`aistack images pull\`; build aistack's own image first: \`${OWN_IMAGE_BUILD}\``
            : 'run `aistack images pull` first (or build and tag the override images)',
        });
      }
      const references = assessed.map((image) => image.reference);
      await saveImages(references, options.output);
      commandOutput(command).info(
        `Saved ${references.length} images to ${options.output}. On the offline host: aistack images load -i ${options.output}`,
      );
    });
  images
    .command('load')
    .description('Load images from a tar written by `aistack images save`')
    .requiredOption('-i, --input <file>', 'tar file to read')
    .action(async (options: { input: string }, command: Command) => {
      const loaded = await loadImages(options.input);
      const output = commandOutput(command);
      for (const reference of loaded) output.info(`loaded ${reference}`);
    });
}

/** Which references are on this host (undefined entries: Docker could not be asked). */
async function presence(references: readonly string[]): Promise<Map<string, boolean>> {
  const result = new Map<string, boolean>();
  const engine = createEngine();
  try {
    await engine.info();
  } catch {
    return result;
  }
  for (const reference of new Set(references)) result.set(reference, (await engine.imageId(reference)) !== undefined);
  return result;
}

/** `-o` must name a file in an existing, writable folder, and not a folder itself. */
async function assertWritableOutput(file: string): Promise<void> {
  const target = path.resolve(file);
  const folder = path.dirname(target);
  const info = await stat(target).catch(() => undefined);
  if (info?.isDirectory()) {
    throw new DockerError('AIS_RUNTIME_IMAGES_OUTPUT', {
      file,
      problem: 'a folder',
      hint: `e.g. -o ${path.join(file, 'stack-images.tar')}`,
    });
  }
  try {
    await access(folder, constants.W_OK);
  } catch (error: unknown) {
    const missing = isMissingFile(error);
    throw new DockerError('AIS_RUNTIME_IMAGES_OUTPUT', {
      file: target,
      problem: missing ? 'no folder' : 'not writable',
      folder,
      hint: missing
        ? `create it (\`mkdir -p ${folder}\`) or pick another -o`
        : 'pick a folder you can write with -o (e.g. -o ./stack-images.tar)',
      cause: error,
    });
  }
}
