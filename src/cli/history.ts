import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { openStateStore } from '../runtime/state-store.js';
import { resolveProjectPaths } from '../project/paths.js';
import { formatTable, printJson, projectDirectory } from './output.js';

export function registerHistoryCommand(program: Command): void {
  program
    .command('history')
    .description('List the revisions: when, who, what changed and how it ended')
    .option('--json', 'print JSON')
    .option('-n, --limit <count>', 'how many revisions', '20')
    .action((options: { json?: boolean; limit: string }, command: Command) => {
      const file = resolveProjectPaths(projectDirectory(command)).stateDatabase;
      if (!existsSync(file)) {
        if (options.json) printJson([]);
        else process.stdout.write('No revisions yet: `aistack up` or `aistack deploy` records the first.\n');
        return;
      }
      const store = openStateStore(file);
      try {
        const revisions = store.listRevisions(Number.parseInt(options.limit, 10) || 20);
        if (options.json) {
          printJson(revisions.map(({ plan: _plan, ...revision }) => ({ ...revision, images: store.images(revision.id) })));
          return;
        }
        if (revisions.length === 0) {
          process.stdout.write('No revisions yet: `aistack up` or `aistack deploy` records the first.\n');
          return;
        }
        process.stdout.write(
          formatTable(
            ['REV', 'WHEN', 'WHO', 'RESULT', 'CHANGE'],
            revisions.map((revision) => [
              String(revision.id),
              revision.createdAt.replace('T', ' ').replace(/\.\d+Z$/, 'Z'),
              revision.user,
              revision.result,
              `${revision.summary}${revision.error ? ` — ${revision.error}` : ''}`,
            ]),
          ),
        );
      } finally {
        store.close();
      }
    });
}
