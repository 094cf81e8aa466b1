import type { Command } from 'commander';
import { loadProject } from '../project/load.js';
import { renderProjectFiles } from '../project/render-project.js';
import { writeRenderedFiles } from '../project/write-files.js';
import { createComposeProject } from '../runtime/compose-project.js';
import { loadImages, saveImages } from '../runtime/images.js';
import { projectDirectory } from './output.js';

export function registerImagesCommand(program: Command): void {
  const images = program
    .command('images')
    .description("Move the stack's images: pull them, save them to a tar, load them on an offline host");
  images
    .command('list')
    .description('The image each service runs (after overrides)')
    .action(async (_options: unknown, command: Command) => {
      const project = await loadProject(projectDirectory(command));
      for (const service of project.stack.services) process.stdout.write(`${service.id.padEnd(20)} ${service.image}\n`);
    });
  images
    .command('pull')
    .description('Pull every image of the stack (from the registry the manifest points at)')
    .action(async (_options: unknown, command: Command) => {
      const project = await loadProject(projectDirectory(command));
      await writeRenderedFiles(project.paths.directory, renderProjectFiles(project));
      const compose = await createComposeProject({
        name: project.stack.name,
        files: [project.paths.compose],
        projectDirectory: project.paths.directory,
      });
      await compose.pull();
      process.stdout.write(`Pulled ${project.stack.services.length} images.\n`);
    });
  images
    .command('save')
    .description('Write every image of the stack into one tar (docker save)')
    .requiredOption('-o, --output <file>', 'tar file to write')
    .action(async (options: { output: string }, command: Command) => {
      const project = await loadProject(projectDirectory(command));
      const references = [...new Set(project.stack.services.map((service) => service.image))].sort();
      await saveImages(references, options.output);
      process.stdout.write(
        `Saved ${references.length} images to ${options.output}. On the offline host: aistack images load -i ${options.output}\n`,
      );
    });
  images
    .command('load')
    .description('Load images from a tar written by `aistack images save`')
    .requiredOption('-i, --input <file>', 'tar file to read')
    .action(async (options: { input: string }) => {
      const loaded = await loadImages(options.input);
      for (const reference of loaded) process.stdout.write(`loaded ${reference}\n`);
    });
}
