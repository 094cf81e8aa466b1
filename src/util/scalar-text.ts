/** A YAML scalar as compose reads it (`8080`, `true`, `"x"`); anything else (a mapping, a list, null) is `fallback`. */
export function scalarText(value: unknown, fallback = ''): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return fallback;
}
