import { isOverride, RESET } from './yaml-source.js';
import { scalarText } from '../../util/scalar-text.js';

/** Where an entry of a merged container came from: a container of one of the files, and its key there. */
export interface Origin {
  readonly container: object;
  readonly key: string | number;
}

/** Merged containers → the origin of each of their entries (unmerged containers are their own origin). */
export type Origins = WeakMap<object, Map<string | number, Origin>>;

type Data = Record<string, unknown>;

function isData(value: unknown): value is Data {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function originOf(origins: Origins, container: object, key: string | number): Origin {
  return origins.get(container)?.get(key) ?? { container, key };
}

/** Keys whose value replaces the earlier one instead of merging (compose-spec merge.md, "Shell commands"). */
const REPLACED = new Set(['command', 'entrypoint']);
/** Sequences written as lists or maps that compose merges as maps (`KEY=value` items). */
const MAPPINGS = new Set([
  'environment',
  'labels',
  'annotations',
  'extra_hosts',
  'sysctls',
  'depends_on',
  'networks',
  'ulimits',
  'build_args',
]);
/** Sequences whose entries are unique by a key: a later entry with the same key replaces the earlier one. */
const UNIQUE: Readonly<Record<string, (entry: unknown) => string>> = {
  ports: (entry) => {
    if (isData(entry))
      return `${scalarText(entry.host_ip)}:${scalarText(entry.published)}:${scalarText(entry.target)}/${scalarText(entry.protocol, 'tcp')}`;
    const text = scalarText(entry);
    return text.includes('/') ? text : `${text}/tcp`;
  },
  volumes: (entry) => (isData(entry) ? scalarText(entry.target) : (scalarText(entry).split(':')[1] ?? scalarText(entry))),
  secrets: (entry) => (isData(entry) ? scalarText(entry.target ?? entry.source) : scalarText(entry)),
  configs: (entry) => (isData(entry) ? scalarText(entry.target ?? entry.source) : scalarText(entry)),
  devices: (entry) => (isData(entry) ? scalarText(entry.target) : (scalarText(entry).split(':')[1] ?? scalarText(entry))),
};

/** A list written as `KEY=value` / `KEY: value` / bare `KEY` items as a map (origins kept per key). */
export function listToMap(list: readonly unknown[], origins: Origins, _container: object, key: string): Data {
  const result: Data = Object.create(null) as Data;
  const entryOrigins = new Map<string | number, Origin>();
  list.forEach((item, index) => {
    if (isData(item)) {
      for (const [name, value] of Object.entries(item)) {
        result[name] = value;
        entryOrigins.set(name, originOf(origins, list, index));
      }
      return;
    }
    const text = String(item);
    const separator = key === 'extra_hosts' ? text.search(/[=:]/) : text.indexOf('=');
    const name = separator < 0 ? text : text.slice(0, separator);
    result[name] = separator < 0 ? (key === 'depends_on' || key === 'networks' ? {} : null) : text.slice(separator + 1);
    entryOrigins.set(name, originOf(origins, list, index));
  });
  origins.set(result, entryOrigins);
  return result;
}

function mergeSequences(base: readonly unknown[], override: readonly unknown[], key: string, origins: Origins): unknown[] {
  const unique = UNIQUE[key];
  const result: unknown[] = [];
  const resultOrigins = new Map<string | number, Origin>();
  const positions = new Map<string, number>();
  const add = (item: unknown, origin: Origin): void => {
    const identity = unique ? unique(item) : typeof item === 'object' ? undefined : `${typeof item}:${scalarText(item)}`;
    const existing = identity === undefined ? undefined : positions.get(identity);
    if (existing !== undefined) {
      result[existing] = item;
      resultOrigins.set(existing, origin);
      return;
    }
    if (identity !== undefined) positions.set(identity, result.length);
    resultOrigins.set(result.length, origin);
    result.push(item);
  };
  base.forEach((item, index) => add(item, originOf(origins, base, index)));
  override.forEach((item, index) => add(item, originOf(origins, override, index)));
  origins.set(result, resultOrigins);
  return result;
}

/**
 * Merge two values the way Compose merges files (compose-spec merge.md): mappings key by key,
 * sequences appended (ports, volumes, secrets, configs and devices unique by their key), `command`,
 * `entrypoint` and `healthcheck.test` replaced, `!reset` removes and `!override` replaces.
 */
export function mergeValues(base: unknown, override: unknown, key: string, origins: Origins): unknown {
  if (override === RESET) return undefined;
  if (isOverride(override)) return override.override;
  if (REPLACED.has(key) || key === 'test') return override;
  if (MAPPINGS.has(key)) {
    const left = Array.isArray(base) ? listToMap(base, origins, base, key) : base;
    const right = Array.isArray(override) ? listToMap(override, origins, override, key) : override;
    if (isData(left) && isData(right)) return mergeMappings(left, right, origins, key);
    return right;
  }
  if (Array.isArray(base) && Array.isArray(override)) return mergeSequences(base, override, key, origins);
  if (isData(base) && isData(override)) return mergeMappings(base, override, origins, key);
  return override;
}

/** Merge two mappings; the result records where each of its entries came from. */
export function mergeMappings(base: Data, override: Data, origins: Origins, parentKey = ''): Data {
  const result: Data = Object.create(null) as Data;
  const resultOrigins = new Map<string | number, Origin>();
  for (const [name, value] of Object.entries(base)) {
    result[name] = value;
    resultOrigins.set(name, originOf(origins, base, name));
  }
  for (const [name, value] of Object.entries(override)) {
    if (name === '<<') continue;
    // Depth-specific rules apply to service keys; deeper keys (a healthcheck's `test`) keep their own names.
    const key = parentKey === 'environment' || parentKey === 'labels' ? '' : name;
    const merged =
      name in result
        ? mergeValues(result[name], value, key, origins)
        : value === RESET
          ? undefined
          : isOverride(value)
            ? value.override
            : value;
    if (merged === undefined) {
      // eslint-disable-next-line @typescript-eslint/no-dynamic-delete -- a mapping merged from YAML: its keys are data
      delete result[name];
      resultOrigins.delete(name);
      continue;
    }
    result[name] = merged;
    resultOrigins.set(name, originOf(origins, override, name));
  }
  origins.set(result, resultOrigins);
  return result;
}
