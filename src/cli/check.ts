import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { Option } from 'commander';
import { rules } from '../check/registry.js';
import { formatJson } from '../check/reporters/json.js';
import { formatSarif } from '../check/reporters/sarif.js';
import { formatText } from '../check/reporters/text.js';
import { SEVERITY_RANK } from '../check/types.js';
import type { DisabledRule, Finding, Severity } from '../check/types.js';
import { checkFiles } from '../check-shell/check-files.js';
import { expandPaths } from '../check-shell/expand-paths.js';
import { findComposeFiles, findComposeProfiles } from '../check-shell/find-compose-files.js';
import { AistackError, CheckError } from '../errors.js';
import { formatTable, outputMode, projectDirectory } from './output.js';
import { printAistackError } from './print-error.js';
import { readAistackVersion } from '../util/aistack-version.js';

interface CheckOptions {
  file?: string[];
  docs?: string[];
  profile?: string[];
  format: 'text' | 'json' | 'sarif';
  failOn: Severity;
  listRules?: boolean;
  disable?: string[];
  probe: boolean;
  target: 'compose' | 'kubernetes';
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

function disabledByFlag(options: CheckOptions, known: ReadonlySet<string>): DisabledRule[] {
  for (const rule of options.disable ?? []) {
    if (!known.has(rule))
      throw new CheckError('AIS_CHECK_UNKNOWN_RULE', {
        rule,
        flag: '--disable',
        hint: 'run `aistack check --list-rules` for the rule ids',
      });
  }
  return (options.disable ?? []).map((rule) => ({ rule, reason: '--disable' }));
}

/** A foreign compose file (`-f`), or the aistack project in the directory (rendered in memory from aistack.yaml). */
async function runCheck(options: CheckOptions, directory: string): Promise<Finding[]> {
  if (options.target === 'kubernetes') {
    const { checkKubernetesTarget } = await import('../check-shell/check-kubernetes-target.js');
    return checkKubernetesTarget(directory, options.file);
  }
  const known = new Set(rules.map((rule) => rule.id));
  const fromFlag = disabledByFlag(options, known);
  const environment = { ...process.env };
  const docs = await expandPaths(options.docs ?? [], process.cwd());
  const isProject = options.file === undefined && existsSync(path.join(directory, 'aistack.yaml'));
  if (isProject) {
    // Loaded only for a project: manifest, stack and render are not needed to check a compose file.
    const { checkAistackProject } = await import('../check-shell/check-aistack-project.js');
    return checkAistackProject(directory, { docs, probe: options.probe, disabled: fromFlag, environment });
  }
  const files =
    options.file !== undefined
      ? options.file.map((file) => path.resolve(file))
      : await findComposeFiles(path.resolve(directory), environment);
  const [composeFile, ...overrideFiles] = files;
  if (composeFile === undefined) {
    throw new CheckError('AIS_CHECK_UNREADABLE', {
      directory: path.resolve(directory),
      hint: 'run `aistack init` to start an aistack project, or point at a compose file with -f',
    });
  }
  // The YAML library for .aistack-check.yaml loads only when there is one.
  const configFile = path.join(path.dirname(composeFile), '.aistack-check.yaml');
  const disabled = existsSync(configFile)
    ? await (await import('../check-shell/load-check-config.js')).loadCheckConfig(configFile, known)
    : [];
  const profiles = options.profile ?? (await findComposeProfiles(path.dirname(composeFile), environment));
  return checkFiles({
    composeFile,
    overrideFiles,
    docs: docs.map((file) => ({ file })),
    disabled: [...disabled, ...fromFlag],
    environment,
    probe: options.probe,
    relativeTo: process.cwd(),
    ...(profiles ? { profiles } : {}),
  });
}

/** Exit code policy: 0 clean, 1 findings at or above --fail-on, 2 could not run. */
export function exitCodeFor(findings: readonly Finding[], failOn: Severity): number {
  return findings.some((finding) => SEVERITY_RANK[finding.severity] >= SEVERITY_RANK[failOn]) ? 1 : 0;
}

export function registerCheckCommand(program: Command): void {
  program
    .command('check')
    .description('Check a compose project and its docs: ports, dependencies, health, security, secrets, TLS and docs drift')
    .option(
      '-f, --file <compose>',
      'check this compose file instead of the aistack project (repeatable: merged like docker compose -f)',
      collect,
    )
    .addOption(
      new Option(
        '--target <target>',
        'what to check: compose files, or Kubernetes manifests (-f files, else the project rendered for kubernetes)',
      )
        .choices(['compose', 'kubernetes'])
        .default('compose'),
    )
    .option('--docs <paths...>', 'Markdown files, folders or globs to check for drift')
    .option('--profile <name>', 'check only the services this profile enables, like docker compose --profile (repeatable)', collect)
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json', 'sarif']).default('text'))
    .addOption(
      new Option('--fail-on <severity>', 'exit 1 when a finding is at or above this severity')
        .choices(['error', 'warning', 'info'])
        .default('error'),
    )
    .option('--disable <rule>', 'turn a rule off for this run (repeatable)', collect)
    .option('--no-probe', 'do not probe host ports or stat secret files')
    .option('--list-rules', 'list every rule with its id, severity and description')
    .action(async (options: CheckOptions, command: Command) => {
      if (options.listRules) {
        process.stdout.write(
          formatTable(
            ['RULE', 'SEVERITY', 'DESCRIPTION'],
            rules.map((rule) => [rule.id, rule.severity, rule.description]),
          ),
        );
        return;
      }
      let findings: Finding[];
      try {
        findings = await runCheck(options, projectDirectory(command));
      } catch (error: unknown) {
        if (!(error instanceof AistackError)) throw error;
        printAistackError(error);
        process.exitCode = 2;
        return;
      }
      if (options.format === 'json') process.stdout.write(formatJson(findings));
      else if (options.format === 'sarif') process.stdout.write(formatSarif(findings, rules, readAistackVersion()));
      else
        process.stdout.write(
          formatText(findings, {
            color: process.stdout.isTTY && process.env.NO_COLOR === undefined,
            quiet: outputMode(command).quiet,
          }),
        );
      process.exitCode = exitCodeFor(findings, options.failOn);
    });
}
