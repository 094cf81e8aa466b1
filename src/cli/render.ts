import type { Command } from 'commander';
import { loadProject } from '../project/load.js';
import { renderProjectFiles } from '../project/render-project.js';
import { writeRenderedFiles } from '../project/write-files.js';
import { printJson, projectDirectory } from './output.js';

export function registerRenderCommand(program: Command): void {
  program
    .command('render')
    .description('Write compose.yaml, .env, the proxy config, PostgreSQL init scripts and STACK.md from aistack.yaml')
    .option('--json', 'print the written files as JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      const project = await loadProject(projectDirectory(command));
      const files = renderProjectFiles(project);
      const results = await writeRenderedFiles(project.paths.directory, files);
      if (options.json) {
        printJson(results);
        return;
      }
      for (const result of results) process.stdout.write(`${result.status.padEnd(9)} ${result.path}\n`);
      process.stdout.write(`\n${project.stack.services.length} services rendered. Next: \`aistack up\`.\n`);
    });
}
