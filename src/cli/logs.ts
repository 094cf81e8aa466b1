import type { Command } from 'commander';
import { DockerError } from '../errors.js';
import { suggest } from '../manifest/describe-issue.js';
import { parseSince, streamLogs } from '../runtime/log-stream.js';
import { openProject } from '../runtime/open-project.js';
import type { OpenedProject } from '../runtime/open-project.js';
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
    .option('--json', 'one JSON object per line: {"service", "time", "text"}')
    .action(
      async (
        services: string[],
        options: { follow?: boolean; since?: string; tail?: string; grep?: string; timestamps?: boolean; json?: boolean },
        command: Command,
      ) => {
        let grep: RegExp | undefined;
        try {
          grep = options.grep === undefined ? undefined : new RegExp(options.grep, 'i');
        } catch (error: unknown) {
          throw new DockerError('AIS_RUNTIME_BAD_GREP', {
            pattern: options.grep ?? '',
            hint: 'escape special characters, e.g. --grep "error\\\\("',
            cause: error,
          });
        }
        if (options.tail !== undefined && !/^\d+$/.test(options.tail)) {
          throw new DockerError('AIS_RUNTIME_BAD_TAIL', {
            value: options.tail,
            hint: 'use e.g. --tail 100 (0 shows only new lines with --follow)',
          });
        }
        const opened = await openProject(projectDirectory(command));
        try {
          await assertKnownServices(opened, services);
        } catch (error: unknown) {
          opened.context.close();
          throw error;
        }
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
              json: options.json ?? false,
              color: process.stdout.isTTY && process.env.NO_COLOR === undefined,
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

/** `logs ap`: a service the stack does not have, with the closest one it does. */
async function assertKnownServices(opened: OpenedProject, services: readonly string[]): Promise<void> {
  const declared = opened.declared.map((service) => service.id);
  const unknown = services.find((service) => !declared.includes(service));
  if (unknown === undefined) return;
  // A service no longer declared may still have containers (until the next deploy removes them).
  const running = (await opened.context.engine.listContainers(opened.stackName)).map((container) => container.service);
  const known = [...new Set([...declared, ...running])].sort();
  if (known.includes(unknown)) return;
  const guess = suggest(unknown, known);
  throw new DockerError('AIS_RUNTIME_UNKNOWN_SERVICE', {
    stack: opened.stackName,
    service: unknown,
    guess,
    hint: `the services are: ${known.join(', ')}`,
  });
}
