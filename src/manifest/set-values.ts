import { isMap, isPair, isScalar, isSeq, parseDocument, stringify } from 'yaml';
import type { Document, Pair, ToStringOptions } from 'yaml';
import { ManifestError } from '../errors.js';

/** One form field: set `path` to `value`, or remove it when `value` is undefined. */
export interface ManifestValueEdit {
  readonly path: readonly string[];
  readonly value?: string | number | boolean | null | Readonly<Record<string, string>>;
}

const STRINGIFY: ToStringOptions = { nullStr: '', lineWidth: 0, flowCollectionPadding: true };

/**
 * Set or remove values in aistack.yaml through the yaml Document, which keeps every comment,
 * blank line and key order; only the edited nodes are written anew. A mapping left empty by a
 * removal is removed too, except a service entry, which stays as `<id>:` (enabled, defaults).
 * Pure; the result still has to pass the parser.
 */
export function setManifestValues(text: string, edits: readonly ManifestValueEdit[]): string {
  let current = text;
  for (const edit of edits) {
    if (edit.path.length === 0 || edit.path.some((key) => key === '__proto__' || key.length === 0)) {
      throw new ManifestError('AIS_MANIFEST_INVALID_KEY', {
        editPath: edit.path,
        hint: 'edit it in the raw editor',
      });
    }
    current = applyEdit(current, edit);
  }
  return current;
}

function parseForValues(text: string): Document.Parsed {
  const document = parseDocument(text);
  const [error] = document.errors;
  if (error) {
    throw new ManifestError('AIS_MANIFEST_YAML', {
      reason: error.message.split('\n')[0]!.replace(/\.$/, ''),
      hint: 'fix aistack.yaml in the raw editor first',
    });
  }
  if (document.contents !== null && !isMap(document.contents)) {
    throw new ManifestError('AIS_MANIFEST_INVALID_TYPE', {
      path: '',
      expected: 'a mapping (key: value lines)',
      hint: 'see docs/manifest.md',
    });
  }
  return document;
}

function applyEdit(text: string, edit: ManifestValueEdit): string {
  const document = parseForValues(text);
  const node = document.getIn(edit.path, true);
  if (edit.value === undefined) {
    if (!document.hasIn(edit.path)) return text;
    document.deleteIn(edit.path);
    pruneEmpty(document, edit.path.slice(0, -1));
    return document.toString(STRINGIFY);
  }
  if (isScalar(node) && node.value === edit.value) return text;
  // A scalar replaced by a scalar: splice its source range, so nothing else of the line moves.
  const value = edit.value;
  if (isScalar(node) && node.range && (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')) {
    const [start, end] = node.range;
    return `${text.slice(0, start)}${formatScalar(value, node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE')}${text.slice(end)}`;
  }
  ensureMaps(document, edit.path.slice(0, -1));
  document.setIn(edit.path, document.createNode(value));
  const full = document.toString(STRINGIFY);
  return spliceEdited(text, full, edit.path) ?? full;
}

/**
 * The document's own toString writes every node anew, which re-spaces flow collections
 * (`{A: 1}` → `{ A: 1 }`) far from the edit. So only the edited node is taken from it: the
 * deepest collection on the path that the original already has — written whole when it is a flow
 * collection, else just the one key's entry (replaced, or added after its last entry) — and
 * spliced into the original text. Undefined when that cannot be done safely (the caller then
 * uses the whole re-written document); the splice is kept only if it parses to the same data.
 */
function spliceEdited(original: string, full: string, path: readonly string[]): string | undefined {
  const before = parseDocument(original);
  const after = parseDocument(full);
  let depth = 0;
  while (depth < path.length - 1) {
    const node = before.getIn(path.slice(0, depth + 1), true);
    if (!isMap(node) && !isSeq(node)) break;
    depth += 1;
  }
  const prefix = path.slice(0, depth);
  const oldNode = depth === 0 ? before.contents : before.getIn(prefix, true);
  const newNode = depth === 0 ? after.contents : after.getIn(prefix, true);
  if (!isMap(oldNode) || !isMap(newNode) || !oldNode.range || !newNode.range) return undefined;
  let spliced: string;
  if (oldNode.flow === true) {
    spliced = replaceRange(original, oldNode.range[0], oldNode.range[1], full.slice(newNode.range[0], newNode.range[1]));
  } else {
    const key = path[depth]!;
    const newPair = findPair(newNode.items, key);
    if (!newPair) return undefined;
    const newText = pairText(full, newPair);
    if (newText === undefined) return undefined;
    const oldPair = findPair(oldNode.items, key);
    if (oldPair) {
      const oldRange = pairRange(oldPair);
      if (!oldRange) return undefined;
      spliced = replaceRange(original, oldRange[0], oldRange[1], newText.slice(newText.search(/\S/)));
    } else {
      const last = oldNode.items.at(-1);
      const lastRange = last ? pairRange(last) : undefined;
      if (!lastRange) return undefined;
      const lineEnd = original.indexOf('\n', lastRange[1]);
      const at = lineEnd === -1 ? original.length : lineEnd + 1;
      spliced = `${original.slice(0, at)}${lineEnd === -1 ? '\n' : ''}${newText}\n${original.slice(at)}`;
    }
  }
  const check = parseDocument(spliced);
  return check.errors.length === 0 && JSON.stringify(check.toJS()) === JSON.stringify(after.toJS()) ? spliced : undefined;
}

function findPair(items: readonly unknown[], key: string): Pair | undefined {
  return items.find((item): item is Pair => isPair(item) && isScalar(item.key) && String(item.key.value) === key);
}

/** From the key's first character to the end of the value (without the line break after it). */
function pairRange(pair: Pair): [number, number] | undefined {
  const keyRange = isScalar(pair.key) ? pair.key.range : undefined;
  const value = pair.value as { range?: [number, number, number] } | null;
  if (!keyRange) return undefined;
  return [keyRange[0], value?.range ? value.range[1] : keyRange[1]];
}

/** The whole lines of one entry of a block mapping in the re-written text, indentation included. */
function pairText(text: string, pair: Pair): string | undefined {
  const range = pairRange(pair);
  if (!range) return undefined;
  const lineStart = text.lastIndexOf('\n', range[0] - 1) + 1;
  return text.slice(lineStart, range[1]).replace(/\n+$/, '');
}

function replaceRange(text: string, start: number, end: number, replacement: string): string {
  return `${text.slice(0, start)}${replacement}${text.slice(end)}`;
}

/** A scalar as YAML source that is safe in block and flow context alike. */
function formatScalar(value: string | number | boolean, quoted: boolean): string {
  if (typeof value !== 'string') return String(value);
  const plain = stringify(value, { lineWidth: 0 }).trimEnd();
  if (quoted || plain !== value || /[,[\]{}#:&*!|>'"%@`]/.test(value)) return JSON.stringify(value);
  return plain;
}

/** `services.<id>:` written as null (nothing after the colon) becomes a mapping before a key goes under it. */
function ensureMaps(document: Document.Parsed, path: readonly string[]): void {
  for (let depth = 1; depth <= path.length; depth += 1) {
    const prefix = path.slice(0, depth);
    const node = document.getIn(prefix, true);
    if (node === undefined || (isScalar(node) && node.value === null)) document.setIn(prefix, document.createNode({}));
  }
}

function pruneEmpty(document: Document.Parsed, path: readonly string[]): void {
  for (let depth = path.length; depth >= 1; depth -= 1) {
    const prefix = path.slice(0, depth);
    const node = document.getIn(prefix, true);
    if (!isMap(node) || node.items.length > 0) return;
    if (depth === 2 && (prefix[0] === 'services' || prefix[0] === 'custom')) {
      if (prefix[0] === 'services') document.setIn(prefix, null);
      return;
    }
    document.deleteIn(prefix);
  }
}
