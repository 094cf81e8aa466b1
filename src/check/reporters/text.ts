import type { Finding, Severity } from '../types.js';

const COLORS: Readonly<Record<Severity, string>> = { error: '\u001b[31m', warning: '\u001b[33m', info: '\u001b[36m' };
const DIM = '\u001b[2m';
const BOLD = '\u001b[1m';
const RESET = '\u001b[0m';

/** Human output: findings grouped by file, then one summary line with counts (`quiet`: the findings alone, nothing when clean). */
export function formatText(findings: readonly Finding[], options: { readonly color: boolean; readonly quiet?: boolean }): string {
  const paint = (code: string, text: string): string => (options.color ? `${code}${text}${RESET}` : text);
  const lines: string[] = [];
  const files = [...new Set(findings.map((finding) => finding.file))];
  for (const file of files) {
    lines.push(paint(BOLD, file));
    for (const finding of findings.filter((candidate) => candidate.file === file)) {
      const position = `${finding.line}:${finding.column}`.padEnd(8);
      lines.push(
        `  ${paint(DIM, position)}${paint(COLORS[finding.severity], finding.severity.padEnd(8))}${finding.message}  ${paint(DIM, finding.ruleId)}`,
      );
    }
    lines.push('');
  }
  if (options.quiet) return lines.join('\n');
  const count = (severity: Severity): number => findings.filter((finding) => finding.severity === severity).length;
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (findings.length === 0) lines.push('✔ no problems found');
  else
    lines.push(
      `✖ ${plural(findings.length, 'problem')} (${plural(count('error'), 'error')}, ${plural(count('warning'), 'warning')}, ${count('info')} info)`,
    );
  return `${lines.join('\n')}\n`;
}
