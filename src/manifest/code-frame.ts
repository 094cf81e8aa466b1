import type { SourceLocation } from '../errors.js';

/**
 * A code frame like vite's and babel's: the offending line with two lines of context on
 * each side, line numbers in a gutter, and a caret under the column.
 */
export function formatCodeFrame(text: string, location: Pick<SourceLocation, 'line' | 'column'>): string {
  const lines = text.split(/\r?\n/);
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  const target = Math.min(Math.max(location.line, 1), Math.max(lines.length, 1));
  const first = Math.max(1, target - 2);
  const last = Math.min(lines.length, target + 2);
  const width = String(last).length;
  const out: string[] = [];
  for (let number = first; number <= last; number += 1) {
    const marker = number === target ? '>' : ' ';
    const content = (lines[number - 1] ?? '').replace(/\t/g, ' ');
    out.push(`${marker} ${String(number).padStart(width)} | ${content}`.trimEnd());
    if (number === target) {
      out.push(`  ${' '.repeat(width)} | ${' '.repeat(Math.max(location.column - 1, 0))}^`);
    }
  }
  return out.join('\n');
}
