import type { Command } from 'commander';
import { CheckError } from '../errors.js';
import { checkRenderedFiles } from '../project/check-rendered.js';
import { loadProject } from '../project/load.js';
import { detectRenderOptions, renderProjectFiles } from '../project/render-project.js';
import { writeRenderedFiles } from '../project/write-files.js';
import { commandOutput, printJson, projectDirectory } from './output.js';

export function registerRenderCommand(program: Command): void {
  program
    .command('render')
    .description(
      'Write compose.yaml, .env, the proxy config, PostgreSQL init scripts and STACK.md from aistack.yaml (refused when `check` finds errors in them)',
    )
    .option('--json', 'print the written files as JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      const project = await loadProject(projectDirectory(command));
      const files = renderProjectFiles(project, await detectRenderOptions(project));
      const findings = await checkRenderedFiles(project, files, { probe: false });
      const errors = findings.filter((finding) => finding.severity === 'error');
      if (errors.length > 0) {
        throw new CheckError(
          'AIS_RENDER_CHECK_FAILED',
          `the rendered stack has ${errors.length} check error${errors.length === 1 ? '' : 's'}; nothing was written:\n${errors.map((finding) => `  ${finding.file}:${finding.line}:${finding.column} ${finding.ruleId} ${finding.message}`).join('\n')}`,
          { hint: 'fix aistack.yaml, or disable a rule with a reason under check.disable' },
        );
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
          `${project.stack.services.length} services rendered; check: 0 errors, ${warnings} warning${warnings === 1 ? '' : 's'}. Next: \`aistack up\`.`,
        ].join('\n'),
      );
    });
}
