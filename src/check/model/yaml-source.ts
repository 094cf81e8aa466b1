import * as jsyaml from 'js-yaml';
import type { LoadOptions } from 'js-yaml';
import { CheckError } from '../../errors.js';
import type { Range } from '../types.js';

/** `!reset` (compose-spec merge): drop what earlier files set. `!override`: replace instead of merging. */
export const RESET: unique symbol = Symbol('compose !reset');
export interface OverrideValue {
  readonly override: unknown;
}
export function isOverride(value: unknown): value is OverrideValue {
  return typeof value === 'object' && value !== null && OVERRIDES.has(value);
}
const OVERRIDES = new WeakSet<object>();

const { CORE_SCHEMA, Type, YAMLException, load } = jsyaml;
// js-yaml 4.3 exports its built-in types and `maxTotalMergeKeys`; @types/js-yaml 4.0 predates both.
const mergeType = (jsyaml as unknown as { readonly types: { readonly merge: InstanceType<typeof Type> } }).types.merge;

const COMPOSE_SCHEMA = CORE_SCHEMA.extend({
  implicit: [mergeType],
  explicit: [
    ...(['scalar', 'sequence', 'mapping'] as const).map((kind) => new Type('!reset', { kind, construct: () => RESET })),
    ...(['scalar', 'sequence', 'mapping'] as const).map(
      (kind) =>
        new Type('!override', {
          kind,
          construct: (data: unknown) => {
            const value = { override: data };
            OVERRIDES.add(value);
            return value;
          },
        }),
    ),
  ],
});

/** Nodes per chunk of the position index (2^16: 1 MB of fields). */
const CHUNK_BITS = 16;
const CHUNK_SIZE = 1 << CHUNK_BITS;
const CHUNK_MASK = CHUNK_SIZE - 1;
/** Int32 fields per node, and their places. */
const FIELDS = 4;
const START = 0;
const END = 1;
const FIRST_CHILD = 2;
const NEXT_SIBLING = 3;

const SCALAR = 1;
const MAPPING = 2;
const SEQUENCE = 3;
const ALIAS = 4;

/** Where a container's entry is: the key (mappings) and the value. Offsets into the text. */
interface EntryOffsets {
  readonly key: number | undefined;
  readonly node: number;
}

/** A parsed YAML file that can tell where each value of its plain-data result was written. */
export interface YamlSource {
  readonly file: string;
  readonly text: string;
  /** The document as plain data (anchors are shared references, merge keys applied). */
  readonly value: unknown;
  /** Number of YAML nodes (for size budgets). */
  readonly nodeCount: number;
  /** Whether any alias shares a container (walks then need to remember what they visited). */
  readonly hasAliases: boolean;
  /** Whether this container object came from this file. */
  owns(container: object): boolean;
  /** Range of an entry's key (mappings) and value; merge-key entries are found in their anchor. */
  entry(container: object, key: string | number): { readonly key: Range | undefined; readonly value: Range } | undefined;
  /** Offset of an entry's value and the quote it starts with (for positions inside a string). */
  valueStart(
    container: object,
    key: string | number,
  ): { readonly offset: number; readonly quoted: boolean; readonly block: boolean } | undefined;
  /** Range of a whole container. */
  rangeOfContainer(container: object): Range | undefined;
  rangeAt(start: number, end: number): Range;
}

/** Expanded size past which a document counts as an alias bomb (shared anchors walked as trees). */
function aliasBudget(nodeCount: number): number {
  return Math.max(1_000_000, nodeCount * 20);
}

/**
 * Parse YAML with js-yaml (fast enough for a 50 MB file) and index every node's position from its
 * listener events, in typed arrays, so positions cost a few bytes per node. Invalid YAML throws a
 * CheckError with the position; so does an alias bomb (anchors whose expansion would exhaust memory).
 */
export function parseYamlSource(file: string, text: string): YamlSource {
  // Per node: start, end, first child and next sibling, interleaved in fixed-size chunks, and its
  // kind. Chunks instead of arrays that double: a 50 MB file has millions of nodes, and doubling
  // kept up to twice the room they need (three times while copying).
  const fieldChunks: Int32Array[] = [];
  const kindChunks: Uint8Array[] = [];
  const field = (node: number, which: number): number => fieldChunks[node >>> CHUNK_BITS]![(node & CHUNK_MASK) * FIELDS + which]!;
  const setField = (node: number, which: number, value: number): void => {
    fieldChunks[node >>> CHUNK_BITS]![(node & CHUNK_MASK) * FIELDS + which] = value;
  };
  const kindOf = (node: number): number => kindChunks[node >>> CHUNK_BITS]![node & CHUNK_MASK]!;
  const firstChildOf = (node: number): number => field(node, FIRST_CHILD);
  const nextSiblingOf = (node: number): number => field(node, NEXT_SIBLING);
  let count = 0;
  // The open nodes, and the last child each has so far (children are appended as they open).
  const stack: number[] = [];
  const lastOpened: number[] = [];
  const nodeOf = new Map<object, number>();
  const aliases: { node: number; target: object }[] = [];
  const aliasTargets = new Map<number, object>();
  let lineCount = 1;
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) lineCount += 1;
  const lineStarts = new Int32Array(lineCount);
  for (let line = 1, index = text.indexOf('\n'); index !== -1; line += 1, index = text.indexOf('\n', index + 1))
    lineStarts[line] = index + 1;
  const position = (offset: number): { line: number; column: number } => {
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (lineStarts[middle]! <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: offset - lineStarts[low]! + 1 };
  };
  const rangeAt = (start: number, end: number): Range => {
    const from = position(start);
    const to = position(Math.max(start, end));
    return { line: from.line, column: from.column, endLine: to.line, endColumn: to.column };
  };

  let value: unknown;
  try {
    const options: LoadOptions & { readonly maxTotalMergeKeys: number } = {
      filename: file,
      schema: COMPOSE_SCHEMA,
      // Merge keys copy keys, not trees: linear in the text, so the budget grows with it.
      maxTotalMergeKeys: Math.max(10_000, text.length),
      listener(event, state) {
        if (event === 'open') {
          const id = count;
          count += 1;
          const slot = id & CHUNK_MASK;
          if (slot === 0) {
            fieldChunks.push(new Int32Array(CHUNK_SIZE * FIELDS));
            kindChunks.push(new Uint8Array(CHUNK_SIZE));
          }
          const fields = fieldChunks[fieldChunks.length - 1]!;
          fields[slot * FIELDS + START] = state.position;
          fields[slot * FIELDS + FIRST_CHILD] = -1;
          fields[slot * FIELDS + NEXT_SIBLING] = -1;
          const top = stack.length - 1;
          if (top >= 0) {
            const previous = lastOpened[top]!;
            if (previous < 0) setField(stack[top]!, FIRST_CHILD, id);
            else setField(previous, NEXT_SIBLING, id);
            lastOpened[top] = id;
          }
          stack.push(id);
          lastOpened.push(-1);
          return;
        }
        const id = stack.pop()!;
        lastOpened.pop();
        setField(id, END, state.position);
        const result: unknown = state.result;
        const kind = state.kind as string | null;
        const kinds = kindChunks[id >>> CHUNK_BITS]!;
        if (kind === 'mapping' || kind === 'sequence') {
          kinds[id & CHUNK_MASK] = kind === 'mapping' ? MAPPING : SEQUENCE;
          if (typeof result === 'object' && result !== null && !nodeOf.has(result)) nodeOf.set(result, id);
        } else if (kind === 'scalar') kinds[id & CHUNK_MASK] = SCALAR;
        else if (typeof result === 'object' && result !== null) {
          kinds[id & CHUNK_MASK] = ALIAS;
          aliases.push({ node: id, target: result });
          aliasTargets.set(id, result);
        }
      },
    };
    value = load(text, options);
  } catch (error: unknown) {
    if (!(error instanceof YAMLException)) throw error;
    const mark = (error as jsyaml.YAMLException & { mark?: { line: number; column: number } }).mark;
    throw new CheckError('AIS_CHECK_INVALID_YAML', {
      reason: error.reason,
      location: { file, line: (mark?.line ?? 0) + 1, column: (mark?.column ?? 0) + 1 },
      hint: 'fix the YAML syntax at that position, then run `aistack check` again',
      cause: error,
    });
  }

  const isSpace = (code: number): boolean => code === 32 || code === 9 || code === 10 || code === 13;
  /** First offset of a node's content: after the separating space and comments. */
  const contentStart = (node: number): number => {
    let offset = field(node, START);
    for (;;) {
      while (offset < text.length && isSpace(text.charCodeAt(offset))) offset += 1;
      if (text.charCodeAt(offset) === 35 && (offset === 0 || isSpace(text.charCodeAt(offset - 1)))) {
        const newline = text.indexOf('\n', offset);
        offset = newline === -1 ? text.length : newline + 1;
        continue;
      }
      return offset;
    }
  };
  // The last child, found from the first: remembered for long containers (`services:` of a big file).
  const lastChildren = new Map<number, number>();
  const lastChildOf = (node: number): number => {
    const known = lastChildren.get(node);
    if (known !== undefined) return known;
    let last = -1;
    let steps = 0;
    for (let child = firstChildOf(node); child >= 0; child = nextSiblingOf(child), steps += 1) last = child;
    if (steps > 64) lastChildren.set(node, last);
    return last;
  };
  /** Last offset (exclusive) of a node: a container ends where its last child ends. */
  const contentEnd = (node: number): number => {
    const last = kindOf(node) === MAPPING || kindOf(node) === SEQUENCE ? lastChildOf(node) : -1;
    if (last >= 0) {
      const end = contentEnd(last);
      // Flow collections close with a bracket after the last child.
      let offset = end;
      while (offset < field(node, END) && (text.charCodeAt(offset) === 32 || text.charCodeAt(offset) === 9)) offset += 1;
      const code = text.charCodeAt(offset);
      return code === 93 || code === 125 ? offset + 1 : end;
    }
    let offset = field(node, END);
    while (offset > field(node, START) && isSpace(text.charCodeAt(offset - 1))) offset -= 1;
    return offset;
  };
  const keyText = (node: number): string => {
    const raw = text.slice(contentStart(node), contentEnd(node));
    if (raw.startsWith('"')) {
      try {
        return JSON.parse(raw) as string;
      } catch {
        return raw.slice(1, -1);
      }
    }
    if (raw.startsWith("'")) return raw.slice(1, -1).replace(/''/g, "'");
    return raw;
  };
  const children = (node: number): number[] => {
    const result: number[] = [];
    for (let child = firstChildOf(node); child >= 0; child = nextSiblingOf(child)) result.push(child);
    return result;
  };
  /** Whether a key node's text is `name` (plain keys compared in place, without copying). */
  const keyIs = (node: number, name: string): boolean => {
    const start = contentStart(node);
    const first = text.charCodeAt(start);
    if (first === 34 || first === 39) return keyText(node) === name;
    return text.startsWith(name, start) && contentEnd(node) - start === name.length;
  };
  // Large mappings (`services:` of a big project) get a key index on first lookup; small ones are scanned.
  const keyIndexes = new Map<number, Map<string, { key: number; value: number }>>();
  const findPair = (node: number, name: string): { key: number; value: number } | undefined => {
    const cached = keyIndexes.get(node);
    if (cached) return cached.get(name);
    let pairs = 0;
    for (let key = firstChildOf(node); key >= 0;) {
      const value = nextSiblingOf(key);
      if (value < 0) break;
      pairs += 1;
      if (pairs > 16) {
        const index = new Map<string, { key: number; value: number }>();
        for (let item = firstChildOf(node); item >= 0 && nextSiblingOf(item) >= 0; item = nextSiblingOf(nextSiblingOf(item))) {
          const itemName = keyText(item);
          if (!index.has(itemName)) index.set(itemName, { key: item, value: nextSiblingOf(item) });
        }
        keyIndexes.set(node, index);
        return index.get(name);
      }
      if (keyIs(key, name)) return { key, value };
      key = nextSiblingOf(value);
    }
    return undefined;
  };
  const childAt = (node: number, position: number): number | undefined => {
    let child = firstChildOf(node);
    for (let index = 0; child >= 0 && index < position; index += 1) child = nextSiblingOf(child);
    return child >= 0 ? child : undefined;
  };
  const findEntry = (node: number, key: string | number, depth = 0): EntryOffsets | undefined => {
    if (depth > 50) return undefined;
    if (kindOf(node) === SEQUENCE) {
      const item = typeof key === 'number' ? childAt(node, key) : undefined;
      return item === undefined ? undefined : { key: undefined, node: item };
    }
    if (kindOf(node) !== MAPPING) return undefined;
    const own = findPair(node, String(key));
    if (own) return { key: own.key, node: own.value };
    const merge = findPair(node, '<<');
    if (!merge) return undefined;
    const sources = kindOf(merge.value) === SEQUENCE ? children(merge.value) : [merge.value];
    for (const source of sources) {
      const target = kindOf(source) === ALIAS ? aliasTargets.get(source) : undefined;
      const targetNode = target === undefined ? (kindOf(source) === MAPPING ? source : undefined) : nodeOf.get(target);
      if (targetNode === undefined) continue;
      const found = findEntry(targetNode, key, depth + 1);
      if (found) return found;
    }
    return undefined;
  };

  const budget = aliasBudget(count);
  if (aliases.length > 0) {
    const sizes = new Map<object, number>();
    const sizeOf = (item: unknown): number => {
      if (typeof item !== 'object' || item === null) return 1;
      const known = sizes.get(item);
      if (known !== undefined) return known;
      sizes.set(item, 1); // a cycle through an anchor counts once
      let total = 1;
      for (const child of Array.isArray(item) ? item : Object.values(item)) {
        total += sizeOf(child);
        if (total > budget) break;
      }
      sizes.set(item, total);
      return total;
    };
    if (sizeOf(value) > budget) {
      const worst = aliases.reduce((best, alias) => ((sizes.get(alias.target) ?? 0) > (sizes.get(best.target) ?? 0) ? alias : best));
      const at = position(contentStart(worst.node));
      throw new CheckError('AIS_CHECK_YAML_ALIAS_BOMB', {
        budget,
        location: { file, line: at.line, column: at.column },
        hint: 'write the repeated values out, or anchor smaller pieces; compose itself would exhaust its memory on this file',
      });
    }
  }

  return {
    file,
    text,
    value,
    nodeCount: count,
    hasAliases: aliases.length > 0,
    owns: (container) => nodeOf.has(container),
    entry(container, key) {
      const node = nodeOf.get(container);
      const found = node === undefined ? undefined : findEntry(node, key);
      if (!found) return undefined;
      return {
        key: found.key === undefined ? undefined : rangeAt(contentStart(found.key), contentEnd(found.key)),
        value: rangeAt(contentStart(found.node), contentEnd(found.node)),
      };
    },
    valueStart(container, key) {
      const node = nodeOf.get(container);
      const found = node === undefined ? undefined : findEntry(node, key);
      if (!found) return undefined;
      const offset = contentStart(found.node);
      const first = text.charCodeAt(offset);
      return { offset, quoted: first === 34 || first === 39, block: first === 124 || first === 62 };
    },
    rangeOfContainer(container) {
      const node = nodeOf.get(container);
      return node === undefined ? undefined : rangeAt(contentStart(node), contentEnd(node));
    },
    rangeAt,
  };
}
