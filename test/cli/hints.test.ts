import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { createProgram } from '../../src/cli/program.js';

/**
 * Every `aistack …` a message, hint or error table tells people to run names a command,
 * subcommand and flags the CLI has (a hint once sent people to `aistack secrets generate`).
 */
const root = path.resolve(import.meta.dirname, '../..');

async function listFiles(directory: string, suffix: string): Promise<string[]> {
  const entries = await readdir(path.join(root, directory), { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile() && entry.name.endsWith(suffix)).map((entry) => path.join(entry.parentPath, entry.name));
}

/** What is wrong with one `aistack …` command line, if anything. */
export function findCommandLineProblem(program: Command, line: string): string | undefined {
  const words = line.trim().split(/\s+/).slice(1);
  let command = program;
  let argumentsStarted = false;
  for (let index = 0; index < words.length; index += 1) {
    const word = words[index]!;
    if (/^(\||&&|;|>|#)/.test(word)) break; // another command follows, or a comment
    if (/^[<[]|^[A-Z]|\.\.\.|…/.test(word)) {
      argumentsStarted = true;
      continue;
    }
    if (word.startsWith('-')) {
      const flag = word.split('=')[0]!;
      const option = [...command.options, ...program.options].find((candidate) => candidate.long === flag || candidate.short === flag);
      if (!option && flag !== '--help') return `${command.name()} has no ${flag}`;
      if (option && (option.required || option.optional) && !word.includes('=')) index += 1;
      continue;
    }
    const sub = argumentsStarted ? undefined : command.commands.find((candidate) => candidate.name() === word);
    if (sub) {
      command = sub;
      continue;
    }
    if (!argumentsStarted && command.commands.length > 0 && command.registeredArguments.length === 0)
      return `${command === program ? 'aistack' : command.name()} has no subcommand ${word}`;
    argumentsStarted = true;
  }
  return undefined;
}

describe('hints and messages', () => {
  it('name only commands, subcommands and flags that exist', async () => {
    const program = await createProgram();
    const files = [...(await listFiles('src', '.ts')), ...(await listFiles('docs/errors', '.md')), path.join(root, 'docs/runtime.md')];
    const problems: string[] = [];
    let seen = 0;
    for (const file of files) {
      const text = await readFile(file, 'utf8');
      for (const match of text.matchAll(/`(aistack [^`$]*?)`/g)) {
        seen += 1;
        const problem = findCommandLineProblem(program, match[1]!.replace(/\\$/, ''));
        if (problem) problems.push(`${path.relative(root, file)}: \`${match[1]}\`: ${problem}`);
      }
    }
    expect(seen).toBeGreaterThan(50);
    expect(problems).toEqual([]);
  });

  it('the checker itself catches a subcommand or flag that does not exist', async () => {
    const program = await createProgram();
    expect(findCommandLineProblem(program, 'aistack secrets generate')).toBe('secrets has no subcommand generate');
    expect(findCommandLineProblem(program, 'aistack imagez')).toBe('aistack has no subcommand imagez');
    expect(findCommandLineProblem(program, 'aistack images save --out x')).toBe('save has no --out');
    expect(findCommandLineProblem(program, 'aistack logs app --tail 20')).toBeUndefined();
    expect(findCommandLineProblem(program, 'aistack -C /srv/stack restore <id> config')).toBeUndefined();
  });
});
