import { isMap, isScalar, isSeq } from 'yaml';
import type { Document, Node } from 'yaml';

/**
 * The source offset of a key path in a parsed YAML document. `prefer: 'key'` points at the
 * key of the last segment (unknown keys); `'value'` at its value (wrong types and values).
 * A path that does not exist (a missing key) points at the key of its deepest existing
 * ancestor, so "missing image in custom.app" points at `app:`.
 */
export function findPathOffset(document: Document, path: readonly PropertyKey[], prefer: 'key' | 'value'): number {
  let node: unknown = document.contents;
  let keyOffset = document.contents?.range?.[0] ?? 0;
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(segment));
      if (!pair) return keyOffset;
      keyOffset = (pair.key as Node).range?.[0] ?? keyOffset;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment] as Node | undefined;
      if (!item) return keyOffset;
      keyOffset = item.range?.[0] ?? keyOffset;
      node = item;
    } else {
      return keyOffset;
    }
  }
  if (prefer === 'key') return keyOffset;
  if (!node || (isScalar(node) && node.value === null)) return keyOffset;
  return (node as Node).range?.[0] ?? keyOffset;
}
