import { isMap, isScalar, parseDocument, stringify } from 'yaml';
import type { Document, ToStringOptions } from 'yaml';
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
      throw new ManifestError('AIS_MANIFEST_INVALID_KEY', `cannot edit the key path "${edit.path.join('.')}"`, {
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
    throw new ManifestError('AIS_MANIFEST_YAML', `invalid YAML: ${error.message.split('\n')[0]!.replace(/\.$/, '')}`, {
      hint: 'fix aistack.yaml in the raw editor first',
    });
  }
  if (document.contents !== null && !isMap(document.contents)) {
    throw new ManifestError('AIS_MANIFEST_INVALID_TYPE', 'the top level: expected a mapping (key: value lines)', {
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
  return document.toString(STRINGIFY);
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
