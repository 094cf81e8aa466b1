/**
 * Output shared by the commands: aligned tables, JSON, and the three modes every command follows:
 * human (default), `--json` (machine-readable on stdout; one JSON object per line where the
 * command streams events) and `-q/--quiet` (only errors and the data asked for).
 */

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

interface CommandLike {
  optsWithGlobals(): Record<string, unknown>;
}

/** The global --directory option, wherever the command sits (after the walk up to aistack.yaml, see find-project.ts). */
export function projectDirectory(command: CommandLike): string {
  const directory = command.optsWithGlobals().directory;
  return typeof directory === 'string' ? directory : '.';
}

export interface OutputMode {
  /** `--json`: stdout carries JSON only. */
  readonly json: boolean;
  /** `-q/--quiet`: no progress, notes or confirmations; errors and requested data still appear. */
  readonly quiet: boolean;
}

export function outputMode(command: CommandLike): OutputMode {
  const options = command.optsWithGlobals();
  return { json: options.json === true, quiet: options.quiet === true };
}

/** Where a command's words go, by mode. */
export interface Output {
  readonly mode: OutputMode;
  /** Progress and notes for people (stderr); a `note` event in JSON mode; nothing when quiet. */
  note(text: string): void;
  /** A confirmation or next step on stdout ("Stack x is up"); not in JSON mode, not when quiet. */
  info(text: string): void;
  /** What the user asked for (a table, a list) on stdout; not in JSON mode. */
  data(text: string): void;
  /** A problem the user should act on, in every mode, also when quiet: stderr, prefixed `warning:` (stdout stays data). */
  warn(text: string): void;
  /** One JSON object on one line of stdout, in JSON mode only. */
  event(name: string, fields?: Record<string, unknown>): void;
}

export interface OutputStreams {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
}

export function createOutput(mode: OutputMode, streams: OutputStreams = process): Output {
  const event = (name: string, fields: Record<string, unknown> = {}): void => {
    if (mode.json) streams.stdout.write(`${JSON.stringify({ event: name, ...fields })}\n`);
  };
  return {
    mode,
    note: (text) => {
      if (mode.json) event('note', { text });
      else if (!mode.quiet) streams.stderr.write(`${text}\n`);
    },
    info: (text) => {
      if (!mode.json && !mode.quiet) streams.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
    },
    data: (text) => {
      if (!mode.json) streams.stdout.write(text);
    },
    warn: (text) => {
      streams.stderr.write(`${text.startsWith('warning: ') ? text : `warning: ${text}`}\n`);
    },
    event,
  };
}

/** The output of a command: its own `--json` and the global `--quiet`. */
export function commandOutput(command: CommandLike): Output {
  return createOutput(outputMode(command));
}
