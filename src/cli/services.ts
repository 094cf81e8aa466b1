import type { Command } from 'commander';
import { catalog } from '../catalog/index.js';
import { formatTable, printJson } from './output.js';

export function registerServicesCommand(program: Command): void {
  program
    .command('services')
    .description('List the service catalog: id, title, category, pinned image and what each needs')
    .option('--all', 'also list the parts that come with a service (Dify and Supabase components, aistack infrastructure)')
    .option('--json', 'print JSON')
    .action((options: { all?: boolean; json?: boolean }) => {
      const entries = catalog.filter((entry) => options.all === true || (!entry.partOf && entry.category !== 'infrastructure'));
      if (options.json) {
        printJson(
          entries.map((entry) => ({
            id: entry.id,
            title: entry.title,
            category: entry.category,
            image: `${entry.image.repository}:${entry.image.tag}`,
            port: entry.port,
            requires: entry.requires,
            partOf: entry.partOf ?? null,
            description: entry.description,
          })),
        );
        return;
      }
      process.stdout.write(
        formatTable(
          ['ID', 'TITLE', 'CATEGORY', 'IMAGE', 'NEEDS'],
          entries.map((entry) => [
            entry.id,
            entry.title,
            entry.category,
            `${entry.image.repository}:${entry.image.tag}`,
            entry.requires.join(', ') || '-',
          ]),
        ),
      );
      if (!options.all) process.stdout.write('\nAdd one with `aistack add <id>`; `--all` also lists the parts that come with a service.\n');
    });
}
