import { closest } from 'fastest-levenshtein';
import { StackError } from '../../errors.js';
import { INFRASTRUCTURE, withLocation } from './context.js';
import type { ResolveContext } from './context.js';

export interface Requirements {
  /** Catalog ids: what the user named, what those require (transitively), and the infrastructure. */
  readonly enabled: ReadonlySet<string>;
  /** Every service of the stack: the enabled catalog ids and the custom ones. */
  readonly allIds: ReadonlySet<string>;
}

/** Which services the stack has; throws on unknown ids, clashes and custom dependencies on nothing. */
export function resolveRequirements({ manifest, byId, custom, locate }: ResolveContext): Requirements {
  for (const id of Object.keys(manifest.services)) {
    if (!byId.has(id)) {
      const suggestion = closest(id, [...byId.keys()]);
      throw new StackError('AIS_STACK_UNKNOWN_SERVICE', {
        id,
        suggestion,
        hint: 'run `aistack services` to list the catalog, or declare it under `custom:`',
        ...withLocation(locate(['services', id])),
      });
    }
  }
  for (const id of Object.keys(custom)) {
    if (byId.has(id)) {
      throw new StackError('AIS_STACK_ID_CLASH', {
        id,
        hint: `rename it, or enable the catalog one under services: ${id}`,
        ...withLocation(locate(['custom', id])),
      });
    }
  }

  const enabled = new Set<string>();
  const add = (id: string): void => {
    if (enabled.has(id)) return;
    const entry = byId.get(id);
    if (!entry) return;
    enabled.add(id);
    entry.requires.forEach(add);
  };
  Object.keys(manifest.services).forEach(add);
  add(INFRASTRUCTURE.proxy);
  if (manifest.monitor?.enabled ?? true) add(INFRASTRUCTURE.monitor);

  const customIds = Object.keys(custom).sort();
  const allIds = new Set([...enabled, ...customIds]);
  // Soft dependencies: custom dependsOn must name something that exists.
  for (const id of customIds) {
    (custom[id]?.dependsOn ?? []).forEach((dependency, index) => {
      if (!allIds.has(dependency)) {
        const suggestion = closest(dependency, [...allIds]);
        throw new StackError('AIS_STACK_UNKNOWN_DEPENDENCY', {
          id,
          dependency,
          suggestion,
          hint: 'name a service that is enabled under services: or declared under custom:',
          ...withLocation(locate(['custom', id, 'dependsOn', index])),
        });
      }
    });
    if (custom[id]?.postgres) allIds.add(INFRASTRUCTURE.postgres);
    if (custom[id]?.redis) allIds.add(INFRASTRUCTURE.redis);
  }
  if (customIds.some((id) => custom[id]?.postgres)) enabled.add(INFRASTRUCTURE.postgres);
  if (customIds.some((id) => custom[id]?.redis)) enabled.add(INFRASTRUCTURE.redis);
  return { enabled, allIds };
}
