import type { ContainerState, Engine } from './engine.js';
import { logLines } from './log-frames.js';

/** The last `lines` log lines of a service's containers (stdout and stderr), for failure reports. */
export async function tailLogs(engine: Engine, containers: readonly ContainerState[], lines: number): Promise<string[]> {
  const output: string[] = [];
  for (const container of containers) {
    const raw = await engine.logs(container.id, { follow: false, tail: lines });
    if (Buffer.isBuffer(raw)) output.push(...logLines(raw, container.tty).flatMap((piece) => (piece.text === '' ? [] : [piece.text])));
  }
  return output.slice(-lines);
}

/** `last 3 log lines of web:` and the lines, indented, as failures print them. */
export function formatLogTail(service: string, lines: readonly string[]): string[] {
  return lines.length === 0 ? [] : [`last ${lines.length} log lines of ${service}:`, ...lines.map((line) => `  | ${line}`)];
}
