import type { StackDependency } from '../types.js';

/** One edge per dependency; a hard (required) edge wins over a soft one. Sorted by service id. */
export function uniqueDependencies(dependencies: readonly StackDependency[]): StackDependency[] {
  const seen = new Map<string, StackDependency>();
  for (const dependency of dependencies) {
    const known = seen.get(dependency.service);
    if (!known || (dependency.required && !known.required)) seen.set(dependency.service, dependency);
  }
  return [...seen.values()].sort((a, b) => a.service.localeCompare(b.service));
}

export function sortRecord(record: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

export function uniqueSorted(values: readonly string[]): string[] {
  return [...new Set(values)].sort();
}

/** Seconds a rollout waits for a service to become healthy, unless its settings say otherwise. */
export const DEFAULT_START_TIMEOUT = 180;
