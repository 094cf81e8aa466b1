import type { Command } from 'commander';

/** docs/cli.md: the `--help` of every command and subcommand, so the docs cannot drift from the CLI. */
export function renderCliDoc(program: Command): string {
  const sections = [
    '<!-- Generated from the CLI by renderCliDoc (src/cli/render-cli-doc.ts); a test keeps it in step. -->',
    '# aistack command line',
    '',
  ];
  const visit = (command: Command, path: readonly string[]): void => {
    command.configureHelp({ helpWidth: 100 });
    sections.push(`## ${path.join(' ')}`, '', '```', command.helpInformation().trimEnd(), '```', '');
    for (const child of [...command.commands].sort((a, b) => a.name().localeCompare(b.name()))) visit(child, [...path, child.name()]);
  };
  visit(program, [program.name()]);
  return `${sections.join('\n').trimEnd()}\n`;
}
