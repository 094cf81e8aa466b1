/** One `${VAR}` reference found in a compose value. */
export interface VariableReference {
  readonly name: string;
  /** Offset of `$` inside the string value. */
  readonly offset: number;
  readonly length: number;
  readonly hasDefault: boolean;
  readonly required: boolean;
}

export interface InterpolationResult {
  readonly value: string;
  readonly references: readonly VariableReference[];
}

const PATTERN = /\$(?:\$|\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g;

/**
 * Compose interpolation: `${VAR}`, `$VAR`, `${VAR:-default}` (unset or empty), `${VAR-default}`
 * (unset), `${VAR:?err}` / `${VAR?err}` (required), `${VAR:+alt}`, and `$$` for a literal `$`.
 */
export function interpolate(text: string, variables: ReadonlyMap<string, string>): InterpolationResult {
  const references: VariableReference[] = [];
  const value = text.replace(
    PATTERN,
    (
      match: string,
      braced: string | undefined,
      operator: string | undefined,
      argument: string | undefined,
      bare: string | undefined,
      offset: number,
    ) => {
      if (match === '$$') return '$';
      const name = (braced ?? bare)!;
      const current = variables.get(name);
      const hasDefault = operator !== undefined && (operator.endsWith('-') || operator.endsWith('+'));
      const required = operator !== undefined && operator.endsWith('?');
      references.push({ name, offset, length: match.length, hasDefault, required });
      switch (operator) {
        case ':-':
          return current === undefined || current === '' ? (argument ?? '') : current;
        case '-':
          return current ?? argument ?? '';
        case ':+':
          return current === undefined || current === '' ? '' : (argument ?? '');
        case '+':
          return current === undefined ? '' : (argument ?? '');
        default:
          return current ?? '';
      }
    },
  );
  return { value, references };
}

/** Parse a .env file: KEY=value lines, `#` comments, optional quotes, `export ` prefix. */
export function parseEnvFile(
  text: string,
): { readonly name: string; readonly value: string; readonly line: number; readonly column: number }[] {
  const entries: { name: string; value: string; line: number; column: number }[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const match = /^(\s*)(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*)$/.exec(raw);
    if (!match || raw.trimStart().startsWith('#')) return;
    let value = match[3]!.trim();
    if (
      (value.startsWith('"') && value.endsWith('"') && value.length >= 2) ||
      (value.startsWith("'") && value.endsWith("'") && value.length >= 2)
    ) {
      value = value.slice(1, -1);
    } else {
      value = value.replace(/\s+#.*$/, '');
    }
    entries.push({ name: match[2]!, value, line: index + 1, column: match[1]!.length + 1 });
  });
  return entries;
}
