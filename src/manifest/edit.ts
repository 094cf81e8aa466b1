import { isMap, isScalar, LineCounter, parseDocument } from 'yaml';
import type { Document, Node, Pair, ToStringOptions } from 'yaml';
import { ManifestError } from '../errors.js';

/*
 * Edits splice lines of the user's text at positions the yaml Document gives, so every
 * comment, blank line and spacing stays as written. Only a flow-style `services: {…}` is
 * rewritten through the Document API (with options that keep the rest close to the source).
 */
const STRINGIFY: ToStringOptions = { nullStr: '', lineWidth: 0, flowCollectionPadding: false };

interface Parsed {
  readonly document: Document.Parsed;
  readonly lineCounter: LineCounter;
}

function parseForEdit(text: string): Parsed {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter });
  const [error] = document.errors;
  if (error) {
    throw new ManifestError('AIS_MANIFEST_YAML', {
      reason: error.message.split('\n')[0]!.replace(/\.$/, ''),
      hint: 'fix aistack.yaml first; `aistack check` shows where',
    });
  }
  if (document.contents !== null && !isMap(document.contents)) {
    throw new ManifestError('AIS_MANIFEST_INVALID_TYPE', {
      path: '',
      expected: 'a mapping (key: value lines)',
      hint: 'see docs/manifest.md',
    });
  }
  return { document, lineCounter };
}

function keyOf(pair: Pair): string | undefined {
  return isScalar(pair.key) ? String(pair.key.value) : undefined;
}

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}

function isBlank(line: string): boolean {
  return line.trim() === '';
}

function isComment(line: string): boolean {
  return line.trimStart().startsWith('#');
}

/** 0-based line index range [first, last] of a block-map entry whose key starts on `keyLine`, comments above it included. */
function entryLines(lines: readonly string[], keyLine: number): [number, number] {
  const indent = indentOf(lines[keyLine]!);
  let last = keyLine;
  for (let index = keyLine + 1; index < lines.length; index += 1) {
    const line = lines[index]!;
    if (isBlank(line)) continue;
    if (indentOf(line) <= indent) break;
    last = index;
  }
  let first = keyLine;
  while (first > 0 && isComment(lines[first - 1]!) && indentOf(lines[first - 1]!) === indent) first -= 1;
  return [first, last];
}

function splitLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

function joinLines(lines: readonly string[]): string {
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

function servicesPair(document: Document.Parsed): Pair | undefined {
  const root = document.contents;
  return isMap(root) ? root.items.find((pair) => keyOf(pair) === 'services') : undefined;
}

function lineOf(parsed: Parsed, node: unknown): number {
  return parsed.lineCounter.linePos((node as Node).range?.[0] ?? 0).line - 1;
}

/**
 * Enable catalog services: adds `<id>:` lines at the end of `services:` (creating the
 * section when needed). Ids already there are left alone; when nothing changes the text
 * comes back byte-for-byte.
 */
export function addServices(text: string, ids: readonly string[]): string {
  const parsed = parseForEdit(text);
  const pair = servicesPair(parsed.document);
  const services = pair?.value;
  const missing = [...new Set(ids)].filter((id) => !(isMap(services) && services.items.some((item) => keyOf(item) === id)));
  if (missing.length === 0) return text;
  const lines = splitLines(text.replace(/\r\n/g, '\n'));

  if (!pair) {
    return joinLines([...lines, 'services:', ...missing.map((id) => `  ${id}:`)]);
  }
  if (isMap(services) && services.flow) {
    for (const id of missing) services.add(parsed.document.createPair(id, null));
    services.flow = services.items.length > 0 ? false : services.flow;
    return parsed.document.toString(STRINGIFY);
  }
  const keyLine = lineOf(parsed, pair.key);
  if (!isMap(services) || services.items.length === 0) {
    // `services:` with nothing (or `null`) after it
    const indent = ' '.repeat(indentOf(lines[keyLine]!) + 2);
    const head = lines[keyLine]!.replace(
      /:\s*(null|~)?\s*(#.*)?$/,
      (_match, _nothing, comment?: string) => `:${comment ? ` ${comment}` : ''}`,
    );
    return joinLines([...lines.slice(0, keyLine), head, ...missing.map((id) => `${indent}${id}:`), ...lines.slice(keyLine + 1)]);
  }
  const firstLine = lineOf(parsed, services.items[0]!.key);
  const indent = ' '.repeat(indentOf(lines[firstLine]!));
  const lastItem = services.items[services.items.length - 1]!;
  const [, end] = entryLines(lines, lineOf(parsed, lastItem.key));
  return joinLines([...lines.slice(0, end + 1), ...missing.map((id) => `${indent}${id}:`), ...lines.slice(end + 1)]);
}

/**
 * Disable services: removes `<id>:` with its overrides and the comment lines right above
 * it. Whether another service still needs it is the caller's decision (resolve knows the
 * requirements). Ids that are not there are ignored; when nothing changes the text comes
 * back unchanged.
 */
export function removeServices(text: string, ids: readonly string[]): string {
  const parsed = parseForEdit(text);
  const services = servicesPair(parsed.document)?.value;
  if (!isMap(services)) return text;
  const wanted = new Set(ids);
  const present = services.items.filter((item) => wanted.has(keyOf(item) ?? ''));
  if (present.length === 0) return text;
  if (services.flow) {
    for (const item of present) services.delete(item.key);
    services.flow = services.items.length === 0;
    return parsed.document.toString(STRINGIFY);
  }
  const lines = splitLines(text.replace(/\r\n/g, '\n'));
  const drop = new Set<number>();
  for (const item of present) {
    const [first, last] = entryLines(lines, lineOf(parsed, item.key));
    for (let index = first; index <= last; index += 1) drop.add(index);
  }
  return joinLines(lines.filter((_line, index) => !drop.has(index)));
}
