/** Dependency order over service ids: edges point from a service to what it needs. */
export type DependencyEdges = ReadonlyMap<string, readonly string[]>;

/** The first cycle found, as a path that starts and ends at the same id, or undefined. */
export function findCycle(edges: DependencyEdges): readonly string[] | undefined {
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (id: string): readonly string[] | undefined => {
    const current = state.get(id);
    if (current === 'done') return undefined;
    if (current === 'visiting') return [...stack.slice(stack.indexOf(id)), id];
    state.set(id, 'visiting');
    stack.push(id);
    for (const next of [...(edges.get(id) ?? [])].sort()) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    stack.pop();
    state.set(id, 'done');
    return undefined;
  };
  for (const id of [...edges.keys()].sort()) {
    const cycle = visit(id);
    if (cycle) return cycle;
  }
  return undefined;
}

/**
 * Start levels: level 0 needs nothing, level n needs only lower levels. Ids within a level are
 * sorted. Throws on a cycle (callers check with findCycle first for a good message).
 */
export function orderByDependencies(edges: DependencyEdges): readonly (readonly string[])[] {
  const levels: string[][] = [];
  const levelOf = new Map<string, number>();
  const depth = (id: string, seen: ReadonlySet<string>): number => {
    const known = levelOf.get(id);
    if (known !== undefined) return known;
    if (seen.has(id)) throw new Error(`dependency cycle through ${id}`);
    const next = new Set(seen).add(id);
    const level = Math.max(-1, ...(edges.get(id) ?? []).map((dependency) => depth(dependency, next))) + 1;
    levelOf.set(id, level);
    return level;
  };
  for (const id of [...edges.keys()].sort()) {
    const level = depth(id, new Set());
    (levels[level] ??= []).push(id);
  }
  return levels.map((level) => [...level].sort());
}
