import type { Command } from 'commander';
import { findInterrupted } from '../runtime/finish-rollout.js';
import { settleStartingHealth } from '../runtime/health-probe.js';
import { openProject } from '../runtime/open-project.js';
import { createSwarmEngine } from '../runtime/swarm/swarm-engine.js';
import { describeSwarmStatus } from '../runtime/swarm/swarm-operations.js';
import { formatUptime, summarizeStatus } from '../runtime/service-status.js';
import { formatTable, printJson, projectDirectory } from './output.js';
import { addRuntimeTargetOption, chooseRuntimeTarget } from './runtime-target.js';

export function registerStatusCommand(program: Command): void {
  const command = program
    .command('status')
    .description('Show every service: state, health, uptime, restarts, image and URL (from Docker, found by compose labels)')
    .option('--json', 'print JSON');
  addRuntimeTargetOption(command).action(async (options: { json?: boolean; target?: string }, command: Command) => {
    const opened = await openProject(projectDirectory(command));
    try {
      if (chooseRuntimeTarget(options.target, opened.project?.manifest) === 'swarm') {
        const services = await describeSwarmStatus(createSwarmEngine(opened.context.engine.docker), opened.stackName);
        const current = opened.context.store.lastHealthy();
        if (options.json) {
          printJson({ stack: opened.stackName, target: 'swarm', revision: current?.id ?? null, services });
          return;
        }
        process.stdout.write(
          formatTable(
            ['SERVICE', 'REPLICAS', 'UPDATE'],
            services.map((service) => [service.service, `${service.running}/${service.desired}`, service.update]),
          ),
        );
        process.stdout.write(`\nswarm stack ${opened.stackName}${current ? `, revision ${current.id}` : ', not deployed yet'}\n`);
        return;
      }
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
