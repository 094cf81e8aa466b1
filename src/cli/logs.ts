import type { Command } from 'commander';
import { DockerError } from '../errors.js';
import { parseSince, streamLogs } from '../runtime/log-stream.js';
import { openProject } from '../runtime/open-project.js';
import { projectDirectory } from './output.js';

export function registerLogsCommand(program: Command): void {
  program
    .command('logs')
    .description('Show the logs of one or more services, merged with a service prefix')
    .argument('[services...]', 'services to show (default: all)')
    .option('-f, --follow', 'keep printing new lines, also of containers that start later, until Ctrl-C')
    .option('--since <when>', 'only lines since a duration ago (10m, 2h, 1d) or a date')
    .option('--tail <lines>', 'only the last N lines of each service')
    .option('--grep <pattern>', 'only lines matching this regular expression (case-insensitive)')
    .option('-t, --timestamps', 'show timestamps')
    .action(
      async (
        services: string[],
        options: { follow?: boolean; since?: string; tail?: string; grep?: string; timestamps?: boolean },
        command: Command,
      ) => {
        let grep: RegExp | undefined;
        try {
          grep = options.grep === undefined ? undefined : new RegExp(options.grep, 'i');
        } catch (error: unknown) {
          throw new DockerError('AIS_RUNTIME_BAD_GREP', `--grep ${options.grep} is not a valid regular expression`, {
            hint: 'escape special characters, e.g. --grep "error\\\\("',
            cause: error,
          });
        }
        if (options.tail !== undefined && !/^\d+$/.test(options.tail)) {
          throw new DockerError('AIS_RUNTIME_BAD_TAIL', `--tail ${options.tail} is not a number of lines`, {
            hint: 'use e.g. --tail 100 (0 shows only new lines with --follow)',
          });
        }
        const opened = await openProject(projectDirectory(command));
        const controller = new AbortController();
        const stop = (): void => controller.abort();
        process.once('SIGINT', stop);
        try {
          await streamLogs(
            opened.context.engine,
            opened.stackName,
            {
              services,
              follow: options.follow ?? false,
              ...(options.since === undefined ? {} : { since: parseSince(options.since, new Date()) }),
              ...(options.tail === undefined ? {} : { tail: Number.parseInt(options.tail, 10) }),
              ...(grep === undefined ? {} : { grep }),
              timestamps: options.timestamps ?? false,
              color: process.stdout.isTTY === true && process.env['NO_COLOR'] === undefined,
            },
            (text) => process.stdout.write(text),
            controller.signal,
          );
        } finally {
          process.off('SIGINT', stop);
          opened.context.close();
        }
      },
    );
}
