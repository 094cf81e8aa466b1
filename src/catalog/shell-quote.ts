/** Quote one word for POSIX sh: `it's` → `'it'\''s'`. */
export function shellQuote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** A `printf` that writes these lines, each followed by a newline, to standard output. */
export function printLines(lines: readonly string[]): string {
  return `printf '%s\\n' ${lines.map(shellQuote).join(' ')}`;
}
