import type { Command } from 'commander';
import { findInterrupted } from '../runtime/finish-rollout.js';
import { settleStartingHealth } from '../runtime/health-probe.js';
import { openProject } from '../runtime/open-project.js';
import { formatUptime, summarizeStatus } from '../runtime/service-status.js';
import { formatTable, printJson, projectDirectory } from './output.js';

export function registerStatusCommand(program: Command): void {
  program
    .command('status')
    .description('Show every service: state, health, uptime, restarts, image and URL (from Docker, found by compose labels)')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      const opened = await openProject(projectDirectory(command));
      try {
        const containers = await settleStartingHealth(opened.context.engine, await opened.context.engine.listContainers(opened.stackName));
        const rows = summarizeStatus(opened.declared, containers, new Date());
        const current = opened.context.store.lastHealthy();
        if (options.json) {
          printJson({ stack: opened.stackName, revision: current?.id ?? null, services: rows });
          return;
        }
        process.stdout.write(
          formatTable(
            ['SERVICE', 'STATE', 'HEALTH', 'UPTIME', 'RESTARTS', 'IMAGE', 'URL'],
            rows.map((row) => [
              row.declared ? row.service : `${row.service} (not declared)`,
              row.state,
              row.health,
              formatUptime(row.uptimeSeconds),
              String(row.restarts),
              row.image,
              row.url,
            ]),
          ),
        );
        process.stdout.write(`\nstack ${opened.stackName}${current ? `, revision ${current.id}` : ', not deployed yet'}\n`);
        for (const revision of findInterrupted(opened.context)) {
          process.stdout.write(`revision ${revision.id} was interrupted mid-deploy; \`aistack up\` finishes it (or rolls it back)\n`);
        }
      } finally {
        opened.context.close();
      }
    });
}
