import type { Command } from 'commander';
import { Option } from 'commander';
import type { Manifest } from '../manifest/schema.js';

export type RuntimeTarget = 'compose' | 'swarm';

/** `--target compose|swarm` on the runtime commands (docs/cluster.md). */
export function addRuntimeTargetOption(command: Command): Command {
  return command.addOption(
    new Option(
      '--target <target>',
      'where the stack runs: one Docker host (compose) or Docker Swarm (default: swarm when targets.swarm.enabled)',
    ).choices(['compose', 'swarm']),
  );
}

/** The flag wins, then `targets.swarm.enabled` in aistack.yaml, then compose. */
export function chooseRuntimeTarget(flag: string | undefined, manifest: Manifest | undefined): RuntimeTarget {
  if (flag === 'compose' || flag === 'swarm') return flag;
  return manifest?.targets?.swarm?.enabled === true ? 'swarm' : 'compose';
}
