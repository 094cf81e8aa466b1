import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/cli/commands.js';
import { createProgram, findCommandName } from '../../src/cli/program.js';
import { renderCliDoc } from '../../src/cli/render-cli-doc.js';

const documentPath = path.resolve(import.meta.dirname, '../../docs/cli.md');

describe('the CLI', () => {
  it('docs/cli.md is the --help of every command (UPDATE_GOLDEN=1 rewrites it)', async () => {
    const text = renderCliDoc(await createProgram());
    if (process.env.UPDATE_GOLDEN === '1') await writeFile(documentPath, text);
    expect(text).toBe(await readFile(documentPath, 'utf8'));
  });

  it('every command the modules register is listed in COMMANDS under its own name', async () => {
    const program = await createProgram();
    const registered = program.commands.map((command) => command.name()).sort();
    expect(registered).toEqual(COMMANDS.flatMap((command) => command.names).sort());
  });

  it('loads only the requested command, after global options', async () => {
    expect(findCommandName(['-C', '/srv/stack', '--debug', 'render', '--json'])).toBe('render');
    expect(findCommandName(['--help'])).toBeUndefined();
    const program = await createProgram(['--directory', 'x', 'render']);
    expect(program.commands.map((command) => command.name())).toEqual(['render']);
  });
});
