import type { Command } from 'commander';
import { Option } from 'commander';
import { CheckError } from '../errors.js';
import { checkRenderedFiles } from '../project/check-rendered.js';
import { loadProject } from '../project/load.js';
import { detectRenderOptions, renderProjectTarget } from '../project/render-project.js';
import type { RenderTarget } from '../render/targets.js';
import { RENDER_TARGETS } from '../render/targets.js';
import { writeRenderedFiles } from '../project/write-files.js';
import { commandOutput, printJson, projectDirectory } from './output.js';

const NEXT_STEP: Readonly<Record<RenderTarget, string>> = {
  compose: '`aistack up`',
  swarm: '`aistack deploy --target swarm`',
  kubernetes: '`aistack secrets export --target kubernetes`, then `kubectl apply -k kubernetes/`',
  helm: '`aistack secrets export --target kubernetes`, then `helm install <release> helm/<chart>`',
};

export function registerRenderCommand(program: Command): void {
  program
    .command('render')
    .description(
      'Write compose.yaml, .env, the proxy config, PostgreSQL init scripts and STACK.md from aistack.yaml (refused when `check` finds errors in them)',
    )
    .addOption(
      new Option('--target <target>', 'what to render for: one Docker host (compose) or a cluster (docs/cluster.md)')
        .choices([...RENDER_TARGETS])
        .default('compose'),
    )
    .option('--json', 'print the written files as JSON')
    .action(async (options: { json?: boolean; target: RenderTarget }, command: Command) => {
      const project = await loadProject(projectDirectory(command));
      const files = renderProjectTarget(project, options.target, await detectRenderOptions(project));
      // check reads compose.yaml; the cluster renderers refuse what their target cannot honour themselves.
      const findings = await checkRenderedFiles(project, files, { probe: false });
      const errors = findings.filter((finding) => finding.severity === 'error');
      if (errors.length > 0) {
        throw new CheckError('AIS_RENDER_CHECK_FAILED', {
          findings: errors,
          hint: 'fix aistack.yaml, or disable a rule with a reason under check.disable',
        });
      }
      const results = await writeRenderedFiles(project.paths.directory, files);
      if (options.json) {
        printJson(results);
        return;
      }
      const output = commandOutput(command);
      const warnings = findings.filter((finding) => finding.severity === 'warning').length;
      output.info(
        [
          ...results.map((result) => `${result.status.padEnd(9)} ${result.path}`),
          '',
          `${project.stack.services.length} services ` +
            `rendered${options.target === 'compose' ? '' : ` for ${options.target}`}; check: 0 errors, ${warnings} ` +
            `warning${warnings === 1 ? '' : 's'}. Next: ${NEXT_STEP[options.target]}.`,
        ].join('\n'),
      );
    });
}
