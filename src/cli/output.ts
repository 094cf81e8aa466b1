/** Small output helpers shared by the commands: aligned tables and JSON. */

export function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n') + '\n';
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** The global --directory option, wherever the command sits. */
export function projectDirectory(command: { optsWithGlobals(): Record<string, unknown> }): string {
  const directory = command.optsWithGlobals()['directory'];
  return typeof directory === 'string' ? directory : '.';
}
