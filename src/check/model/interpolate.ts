/** One `${VAR}` reference found in a compose value. */
export interface VariableReference {
  readonly name: string;
  /** Offset of `$` inside the string value. */
  readonly offset: number;
  readonly length: number;
  readonly hasDefault: boolean;
  readonly required: boolean;
  /** `${VAR:-default}` / `${VAR-default}`: the default's text. */
  readonly defaultValue?: string;
  /** `${VAR:?message}`: compose aborts with the message when VAR is unset (or empty, with `:`). */
  readonly missing?: string;
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
      const required = operator?.endsWith('?') ?? false;
      const unset = operator === ':?' ? current === undefined || current === '' : current === undefined;
      references.push({
        name,
        offset,
        length: match.length,
        hasDefault,
        required,
        ...(operator === ':-' || operator === '-' ? { defaultValue: argument ?? '' } : {}),
        ...(required && unset ? { missing: argument ?? '' } : {}),
      });
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

export interface EnvFileEntry {
  readonly name: string;
  readonly value: string;
  readonly line: number;
  readonly column: number;
  /** Variables the value interpolates (`B=${A}/x`), with their default when one is given. */
  readonly references: readonly VariableReference[];
  /** Column of the value's first character. */
  readonly valueColumn: number;
}

/**
 * Parse a .env file as compose does: KEY=value lines, `#` comments, `export ` prefix, quotes;
 * unquoted and double-quoted values interpolate `${VAR}` from the environment and earlier keys.
 */
export function parseEnvFile(text: string, environment: ReadonlyMap<string, string> = new Map()): EnvFileEntry[] {
  const entries: EnvFileEntry[] = [];
  const known = new Map(environment);
  text.split(/\r?\n/).forEach((raw, index) => {
    const match = /^(\s*)(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*)$/.exec(raw);
    if (!match || raw.trimStart().startsWith('#')) return;
    let value = match[3]!.trim();
    const valueColumn = raw.length - match[3]!.trimStart().length + 1;
    const single = value.startsWith("'") && value.endsWith("'") && value.length >= 2;
    if ((value.startsWith('"') && value.endsWith('"') && value.length >= 2) || single) {
      value = value.slice(1, -1);
    } else {
      value = value.replace(/\s+#.*$/, '');
    }
    const name = match[2]!;
    const interpolated = single ? { value, references: [] } : interpolate(value, known);
    // The environment compose runs in wins over .env.
    if (!environment.has(name)) known.set(name, interpolated.value);
    entries.push({
      name,
      value: interpolated.value,
      line: index + 1,
      column: match[1]!.length + 1,
      references: interpolated.references,
      valueColumn,
    });
  });
  return entries;
}
