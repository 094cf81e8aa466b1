import { spawnSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { AistackError } from '../errors.js';
import { loadProject } from '../project/load.js';
import { planFirewallRules, renderFirewallScript } from '../render/proxy/firewall.js';
import { commandOutput, projectDirectory } from './output.js';

export function registerHardenCommand(program: Command): void {
  program
    .command('harden')
    .description('Keep published ports private: print (or apply) DOCKER-USER firewall rules; Docker bypasses ufw')
    .option('--print', 'print the rules as a shell script (the default)')
    .option('--apply', 'save the current rules (iptables-save) to .aistack/, then apply (needs root)')
    .action(async (options: { print?: boolean; apply?: boolean }, command: Command) => {
      const output = commandOutput(command);
      const project = await loadProject(projectDirectory(command));
      if (!options.apply) {
        process.stdout.write(renderFirewallScript(project.stack));
        return;
      }
      const saved = spawnSync('iptables-save', [], { encoding: 'utf8' });
      if (saved.status !== 0) {
        throw new AistackError('AIS_HARDEN_SAVE_FAILED', {
          reason: (saved.stderr.trim() === '' ? (saved.error?.message ?? '') : saved.stderr).trim(),
          hint: 'run as root on the Docker host; nothing was changed',
        });
      }
      await mkdir(project.paths.state, { recursive: true, mode: 0o700 });
      const backup = path.join(project.paths.state, `iptables-backup-${new Date().toISOString().replace(/[:.]/g, '-')}.rules`);
      await writeFile(backup, saved.stdout, { mode: 0o600 });
      output.note(`saved the current rules to ${backup} (restore: iptables-restore < ${backup})`);
      for (const rule of planFirewallRules(project.stack)) {
        const result = spawnSync('iptables', [...rule.args], { encoding: 'utf8' });
        if (result.status === 0) continue;
        if (rule.onFailure === 'ignore') continue;
        if (rule.onFailure) {
          const then = spawnSync('iptables', [...rule.onFailure.then], { encoding: 'utf8' });
          if (then.status === 0) continue;
          throw new AistackError('AIS_HARDEN_APPLY_FAILED', {
            command: rule.onFailure.then,
            stderr: then.stderr.trim(),
            hint: `the previous rules are in ${backup}`,
          });
        }
        throw new AistackError('AIS_HARDEN_APPLY_FAILED', {
          command: rule.args,
          stderr: result.stderr.trim(),
          hint: `the previous rules are in ${backup}`,
        });
      }
      output.info('applied: only the proxy ports reach containers from outside');
    });
}
