/**
 * Targets a Makefile defines: `name:` / `a b:` rules at the start of a line (not recipes, not
 * `VAR := …`), `%` pattern rules as patterns. Undefined when the Makefile includes others or
 * computes target names (`$(X):`), since then nothing can be said about a missing one.
 */
export function parseMakeTargets(text: string): { readonly names: ReadonlySet<string>; readonly patterns: readonly RegExp[] } | undefined {
  const names = new Set<string>();
  const patterns: RegExp[] = [];
  for (const raw of text.replace(/\\\r?\n/g, ' ').split(/\r?\n/)) {
    if (/^-?s?include\s/.test(raw)) return undefined;
    if (raw.startsWith('\t') || raw.startsWith('#')) continue;
    const rule = /^([^:=#\s][^:=#]*?)\s*::?(?!=)/.exec(raw);
    if (!rule) continue;
    for (const name of rule[1]!.trim().split(/\s+/)) {
      if (name.includes('$')) return undefined;
      if (name.startsWith('.')) continue;
      if (name.includes('%')) patterns.push(new RegExp(`^${name.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace('%', '.+')}$`));
      else names.add(name);
    }
  }
  return { names, patterns };
}

/** `scripts` of a package.json; undefined when it cannot be read as JSON. */
export function parseNpmScripts(text: string): ReadonlySet<string> | undefined {
  try {
    const value = JSON.parse(text) as { scripts?: Record<string, unknown> };
    return new Set(Object.keys(value.scripts ?? {}));
  } catch {
    return undefined;
  }
}
