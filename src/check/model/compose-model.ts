import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import type { Document, Node, Pair } from 'yaml';
import { CheckError } from '../../errors.js';
import type { Range } from '../types.js';
import { interpolate, parseEnvFile } from './interpolate.js';

export type PathSegment = string | number;

export interface EnvEntry {
  readonly name: string;
  readonly value: string;
  readonly line: number;
  readonly column: number;
}

export interface VariableUse {
  readonly name: string;
  readonly hasDefault: boolean;
  readonly required: boolean;
  readonly range: Range;
}

export interface ServiceModel {
  readonly name: string;
  /** The service after interpolation (plain data). */
  readonly value: Readonly<Record<string, unknown>>;
}

export interface ComposeModel {
  readonly file: string;
  readonly text: string;
  readonly envFile: string | undefined;
  readonly envEntries: readonly EnvEntry[];
  /** The whole file after interpolation and merge keys. */
  readonly root: Readonly<Record<string, unknown>>;
  /** The same before interpolation (to tell literals from `${VAR}` references). */
  readonly raw: Readonly<Record<string, unknown>>;
  readonly services: readonly ServiceModel[];
  readonly variableUses: readonly VariableUse[];
  /** Range of the value at a path; falls back to the closest ancestor that exists. */
  rangeOf(path: readonly PathSegment[]): Range;
  /** Range of the key of a mapping entry (the value's range for sequence items). */
  keyRangeOf(path: readonly PathSegment[]): Range;
}

export interface ComposeSource {
  readonly file: string;
  readonly text: string;
  readonly envFile?: string;
  readonly envText?: string;
  /** Variables of the calling environment (compose reads them too). */
  readonly environment?: Readonly<Record<string, string | undefined>>;
}

/** Parse a compose file with positions and interpolate it; invalid YAML throws a CheckError with the position. */
export function parseCompose(source: ComposeSource): ComposeModel {
  const lineCounter = new LineCounter();
  const document = parseDocument(source.text, { lineCounter, merge: true, uniqueKeys: true, prettyErrors: false });
  const firstError = document.errors[0];
  if (firstError) {
    const position = lineCounter.linePos(firstError.pos[0]);
    throw new CheckError('AIS_CHECK_INVALID_YAML', `invalid YAML: ${firstError.message.split('\n')[0]}`, {
      location: { file: source.file, line: position.line, column: position.col },
      hint: 'fix the YAML syntax at that position, then run `aistack check` again',
    });
  }
  const envEntries = source.envText === undefined ? [] : parseEnvFile(source.envText);
  const variables = new Map<string, string>();
  for (const [name, value] of Object.entries(source.environment ?? {})) if (value !== undefined) variables.set(name, value);
  for (const entry of envEntries) if (!variables.has(entry.name)) variables.set(entry.name, entry.value);

  const toRange = (start: number, end: number): Range => {
    const from = lineCounter.linePos(start);
    const to = lineCounter.linePos(Math.max(start, end));
    return { line: from.line, column: from.col, endLine: to.line, endColumn: to.col };
  };
  const variableUses: VariableUse[] = [];
  const raw = document.toJS({ maxAliasCount: 1000 }) as unknown;
  collectVariableUses(document, variables, toRange, variableUses);
  const root = isRecord(raw) ? (interpolateValue(raw, variables) as Record<string, unknown>) : {};
  const servicesValue = root['services'];
  const services: ServiceModel[] = isRecord(servicesValue)
    ? Object.entries(servicesValue).map(([name, value]) => ({ name, value: isRecord(value) ? value : {} }))
    : [];

  const nodeAt = (path: readonly PathSegment[]): { node: Node | undefined; pair: Pair | undefined; depth: number } => {
    let current: unknown = document.contents;
    let pair: Pair | undefined;
    let depth = 0;
    for (const segment of path) {
      if (isMap(current)) {
        const found = current.items.find((item) => isScalar(item.key) && String(item.key.value) === String(segment));
        if (!found) break;
        pair = found;
        current = found.value;
      } else if (isSeq(current) && typeof segment === 'number') {
        const item = current.items[segment];
        if (item === undefined) break;
        pair = undefined;
        current = item;
      } else break;
      depth += 1;
    }
    return { node: current as Node | undefined, pair, depth };
  };
  const fallback: Range = { line: 1, column: 1, endLine: 1, endColumn: 1 };
  return {
    file: source.file,
    text: source.text,
    envFile: source.envFile,
    envEntries,
    root,
    raw: isRecord(raw) ? raw : {},
    services,
    variableUses,
    rangeOf(path) {
      const { node, pair } = nodeAt(path);
      const range = node?.range ?? (isPair(pair) ? (pair.key as Node | undefined)?.range : undefined);
      return range ? toRange(range[0], range[1]) : fallback;
    },
    keyRangeOf(path) {
      const { node, pair, depth } = nodeAt(path);
      if (depth === path.length && pair && typeof path[path.length - 1] === 'string') {
        const key = pair.key as Node | undefined;
        if (key?.range) return toRange(key.range[0], key.range[1]);
      }
      return node?.range ? toRange(node.range[0], node.range[1]) : fallback;
    },
  };
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function interpolateValue(value: unknown, variables: ReadonlyMap<string, string>): unknown {
  if (typeof value === 'string') return interpolate(value, variables).value;
  if (Array.isArray(value)) return value.map((item) => interpolateValue(item, variables));
  if (isRecord(value)) {
    const result: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
    for (const [key, item] of Object.entries(value)) {
      if (key === '__proto__') continue;
      result[key] = interpolateValue(item, variables);
    }
    return result;
  }
  return value;
}

function collectVariableUses(
  document: Document,
  variables: ReadonlyMap<string, string>,
  toRange: (start: number, end: number) => Range,
  uses: VariableUse[],
): void {
  const visit = (node: unknown): void => {
    if (isMap(node) || isSeq(node)) {
      for (const item of node.items) {
        if (isPair(item)) visit(item.value);
        else visit(item);
      }
      return;
    }
    if (isScalar(node) && typeof node.value === 'string' && node.range && node.value.includes('$')) {
      const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE' ? 1 : 0;
      const start = node.range[0] + quoted;
      for (const reference of interpolate(node.value, variables).references) {
        const offset = node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED' ? 0 : reference.offset;
        uses.push({
          name: reference.name,
          hasDefault: reference.hasDefault,
          required: reference.required,
          range: toRange(start + offset, start + offset + reference.length),
        });
      }
    }
  };
  visit(document.contents);
}
