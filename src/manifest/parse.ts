import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, Parser, parseDocument, visit } from 'yaml';
import type { Document, Node } from 'yaml';
import { ManifestError, wordProblem } from '../errors.js';
import type { AistackErrorOptions, LiveErrorCode, SourceLocation } from '../errors.js';
import { describeIssues, formatPath, suggest } from './describe-issue.js';
import { manifestSchema } from './schema.js';
import type { Manifest } from './schema.js';
import { findPathOffset } from './yaml-position.js';

export { formatCodeFrame } from './code-frame.js';

/** One thing wrong with aistack.yaml, with where it is and what to do. */
export interface ManifestProblem {
  readonly code: LiveErrorCode;
  readonly message: string;
  readonly hint: string;
  /** Dotted key path, e.g. `services.n8n.resources.memory` (empty for syntax errors). */
  readonly path: string;
  readonly location: SourceLocation;
}

/** Aliases beyond this count are refused (a "billion laughs" document expands exponentially). */
const MAX_ALIAS_COUNT = 100;

const YAML_HINTS: Record<string, string> = {
  TAB_AS_INDENT: 'indent with spaces; YAML does not allow tabs for indentation',
  BAD_INDENT: 'line up the keys of one mapping in the same column, indenting with spaces',
  DUPLICATE_KEY: 'keep one of the two entries (merge their settings)',
  MULTIPLE_DOCS: 'aistack.yaml holds one document; remove the extra `---`',
};

/** yaml's own wording where it speaks to programmers rather than to the person editing the file. */
const YAML_MESSAGES: Record<string, string> = {
  MULTIPLE_DOCS: 'more than one document (a second `---`)',
};

interface Located {
  readonly problem: ManifestProblem;
  readonly offset: number;
}

interface Parsed {
  readonly value?: unknown;
  readonly problems: readonly Located[];
}

function keyText(node: unknown): string | undefined {
  return isScalar(node) ? String(node.value) : undefined;
}

/** Retired service ids and the catalog id each now stands for (`openmemory` → `mem0`). */
export type ServiceAliases = Readonly<Record<string, string>>;

function parseText(text: string, file: string, knownServiceIds: readonly string[], aliases: ServiceAliases = {}): Parsed {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, strict: true });
  const locate = (offset: number): SourceLocation => {
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, column: col };
  };
  const at = (offset: number, problem: Omit<ManifestProblem, 'location'>): Located => ({
    offset,
    problem: { ...problem, location: locate(offset) },
  });

  // Directives (%YAML, %TAG) change how the rest is read; aistack.yaml needs none.
  const directives = [...new Parser().parse(text)].filter((token) => token.type === 'directive');
  if (directives.length > 0) {
    return {
      problems: directives.map((token) =>
        at(token.offset, {
          ...wordProblem('AIS_MANIFEST_YAML', { directive: ('source' in token ? token.source : '').trim() }),
          hint: 'remove the line; aistack.yaml is plain YAML without %YAML or %TAG directives',
          path: '',
        }),
      ),
    };
  }

  // Duplicate keys are found by checkStructure, which points at the second key itself. yaml's
  // warnings (an unresolved tag, a bad directive) are errors here: the value would not be what
  // the user wrote.
  const syntaxErrors = [...document.errors.filter((error) => error.code !== 'DUPLICATE_KEY'), ...document.warnings];
  if (syntaxErrors.length > 0) {
    return {
      problems: syntaxErrors.map((error) => {
        let offset = error.pos[0];
        while (text[offset] === ' ') offset += 1; // yaml points at the indentation; point at the key
        return at(offset, {
          ...wordProblem('AIS_MANIFEST_YAML', {
            reason: YAML_MESSAGES[error.code] ?? error.message.split('\n')[0]!.replace(/\.$/, ''),
          }),
          hint: YAML_HINTS[error.code] ?? 'fix the YAML syntax at this position (indent with spaces; quote values containing ": " or "#")',
          path: '',
        });
      }),
    };
  }

  const structural = checkStructure(document, [...knownServiceIds, ...Object.keys(aliases)], aliases, at, locate);
  if (structural.some((found) => found.problem.code !== 'AIS_MANIFEST_UNKNOWN_SERVICE')) return { problems: structural };

  let value: unknown;
  try {
    value = document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error: unknown) {
    let offset = 0;
    visit(document, {
      Alias: (_key, node) => {
        offset = node.range?.[0] ?? 0;
        return visit.BREAK;
      },
    });
    const reason = error instanceof Error ? error.message : String(error);
    return {
      problems: [
        at(offset, {
          ...wordProblem('AIS_MANIFEST_YAML', reason.includes('Excessive alias count') ? { maxAliases: MAX_ALIAS_COUNT } : { reason }),
          hint: 'write the values out instead of using anchors (&) and aliases (*)',
          path: '',
        }),
      ],
    };
  }

  const unknownServices = new Set(structural.map((found) => found.problem.path));
  renameAliasedServices(value, aliases);
  const result = manifestSchema.safeParse(value ?? {});
  const problems = [...structural];
  if (!result.success) {
    for (const described of describeIssues(result.error.issues, value ?? {}, manifestSchema)) {
      const dotted = formatPath(described.path);
      if ([...unknownServices].some((prefix) => dotted === prefix || dotted.startsWith(`${prefix}.`))) continue;
      problems.push(
        at(findPathOffset(document, described.path, described.at), {
          code: described.code,
          message: described.message,
          hint: described.hint,
          path: dotted,
        }),
      );
    }
  }
  return result.success && problems.length === 0 ? { value: result.data, problems } : { problems };
}

/**
 * `services.<alias>` becomes `services.<target>`, keeping its settings: a manifest written for a
 * retired id keeps working (check rule project/deprecated-service says to rename it).
 */
function renameAliasedServices(value: unknown, aliases: ServiceAliases): void {
  if (typeof value !== 'object' || value === null) return;
  const services = (value as { services?: unknown }).services;
  if (typeof services !== 'object' || services === null || Array.isArray(services)) return;
  const record = services as Record<string, unknown>;
  for (const [alias, target] of Object.entries(aliases)) {
    if (!Object.hasOwn(record, alias) || Object.hasOwn(record, target)) continue;
    record[target] = record[alias];
    Reflect.deleteProperty(record, alias);
  }
}

/** `__proto__` keys, non-scalar keys, and `services:` ids the catalog does not have. */
function checkStructure(
  document: Document,
  knownServiceIds: readonly string[],
  aliases: ServiceAliases,
  at: (offset: number, problem: Omit<ManifestProblem, 'location'>) => Located,
  locate: (offset: number) => SourceLocation,
): Located[] {
  const problems: Located[] = [];
  visit(document, {
    Scalar: (key, node, ancestors) => {
      if (typeof node.value !== 'string') return;
      const isKey = key === 'key';
      const dotted = scalarPath(ancestors, node);
      const control = CONTROL_CHARACTER.exec(node.value);
      const lineBreak = !control && node.value.includes('\n') && (isKey || !MULTI_LINE_PATHS.some((pattern) => pattern.test(dotted)));
      if (!control && !lineBreak) return;
      const part = isKey ? 'key' : 'value';
      problems.push(
        at(node.range?.[0] ?? 0, {
          ...wordProblem(
            'AIS_MANIFEST_INVALID_VALUE',
            control ? { path: dotted, controlCharacter: control[0].charCodeAt(0), part } : { path: dotted, spansLines: true, part },
          ),
          hint: control
            ? 'remove it (an editor that shows invisible characters helps); values are plain text'
            : 'write it on one line; only env values, commands and check.disable reasons may span lines',
          path: dotted,
        }),
      );
    },
    Map: (_key, map) => {
      const seen = new Map<string, number>();
      for (const pair of map.items) {
        const key = keyText(pair.key);
        if (key === undefined) continue;
        const offset = (pair.key as Node).range?.[0] ?? 0;
        const first = seen.get(key);
        if (first === undefined) {
          seen.set(key, offset);
          continue;
        }
        problems.push(
          at(offset, {
            ...wordProblem('AIS_MANIFEST_DUPLICATE_KEY', { key, firstLine: locate(first).line }),
            hint: YAML_HINTS.DUPLICATE_KEY!,
            path: '',
          }),
        );
      }
    },
    Pair: (_key, pair) => {
      const offset = (pair.key as Node | null)?.range?.[0] ?? 0;
      if (pair.key !== null && !isScalar(pair.key)) {
        problems.push(
          at(offset, {
            ...wordProblem('AIS_MANIFEST_YAML', { badKey: 'collection' }),
            hint: 'write the key as a plain word followed by a colon',
            path: '',
          }),
        );
      } else if (keyText(pair.key) === '__proto__') {
        problems.push(
          at(offset, {
            ...wordProblem('AIS_MANIFEST_FORBIDDEN_KEY'),
            hint: 'remove it; aistack.yaml never uses __proto__',
            path: '',
          }),
        );
      } else if (isAlias(pair.key)) {
        problems.push(
          at(offset, {
            ...wordProblem('AIS_MANIFEST_YAML', { badKey: 'alias' }),
            hint: 'write the key out',
            path: '',
          }),
        );
      }
    },
  });
  const root = document.contents;
  if (isMap(root)) {
    const services = root.items.find((pair) => keyText(pair.key) === 'services')?.value;
    if (isMap(services)) {
      const listed = new Map(services.items.map((pair) => [keyText(pair.key), pair]));
      for (const pair of services.items) {
        const id = keyText(pair.key);
        const target = id === undefined ? undefined : aliases[id];
        const twin = target === undefined ? undefined : listed.get(target);
        if (id !== undefined && target !== undefined && twin !== undefined) {
          problems.push(
            at((pair.key as Node).range?.[0] ?? 0, {
              ...wordProblem('AIS_MANIFEST_DUPLICATE_KEY', {
                retired: id,
                current: target,
                line: locate((twin.key as Node).range?.[0] ?? 0).line,
              }),
              hint: `keep ${target} and move the settings of ${id} into it`,
              path: `services.${id}`,
            }),
          );
          continue;
        }
        if (id === undefined || id === '__proto__' || knownServiceIds.includes(id)) continue;
        const guess = suggest(id, knownServiceIds);
        problems.push(
          at((pair.key as Node).range?.[0] ?? 0, {
            ...wordProblem('AIS_MANIFEST_UNKNOWN_SERVICE', { id, suggestion: guess }),
            hint: 'run `aistack services` to list the catalog; a service that is not in it goes under `custom:`',
            path: `services.${id}`,
          }),
        );
      }
    }
  }
  return problems;
}

/** C0 controls but tab and line feed, DEL and C1 controls: never part of a value anyone meant to write. */
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTER = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/;

/** Values that may hold line breaks: environment values, exec-form commands, the reasons of check.disable. */
const MULTI_LINE_PATHS: readonly RegExp[] = [
  /^(services|custom)\.[^.]+\.env\.[^.]+$/,
  /^custom\.[^.]+\.command\[\d+\]$/,
  /^custom\.[^.]+\.health\.command\[\d+\]$/,
  /^check\.disable\[\d+\]\.reason$/,
];

/** `services.n8n.env.X` for a scalar, from the nodes above it (a key's path ends at the key). */
function scalarPath(ancestors: readonly unknown[], scalar: unknown): string {
  const segments: PropertyKey[] = [];
  ancestors.forEach((node, index) => {
    const child = ancestors[index + 1] ?? scalar;
    if (isPair(node)) {
      const key = keyText(node.key);
      if (key !== undefined) segments.push(key);
    } else if (isSeq(node)) {
      segments.push(node.items.indexOf(child));
    }
  });
  return formatPath(segments);
}

function byPosition(left: Located, right: Located): number {
  return left.offset - right.offset;
}

/** Every problem in aistack.yaml, in source order (for `aistack check`). Empty when it is valid. */
export function collectManifestProblems(
  text: string,
  file: string,
  knownServiceIds: readonly string[],
  aliases: ServiceAliases = {},
): ManifestProblem[] {
  return [...parseText(text, file, knownServiceIds, aliases).problems].sort(byPosition).map((found) => found.problem);
}

/**
 * Parse and validate aistack.yaml. Throws a `ManifestError` for the first problem by position,
 * with file:line:column, carrying every other problem in `related`, so all are shown at once.
 */
export function parseManifest(text: string, file: string, knownServiceIds: readonly string[], aliases: ServiceAliases = {}): Manifest {
  const parsed = parseText(text, file, knownServiceIds, aliases);
  const [first, ...rest] = [...parsed.problems].sort(byPosition).map(({ problem }) => problem);
  if (first) {
    const related = rest.map((problem) => createProblemError(problem, { hint: problem.hint, location: problem.location }));
    throw createProblemError(first, { hint: first.hint, location: first.location, related });
  }
  return parsed.value as Manifest;
}

/** The error of a problem listed earlier, with the message its code's template worded then. */
export function createProblemError(problem: Pick<ManifestProblem, 'code' | 'message'>, options: AistackErrorOptions): ManifestError {
  return new ManifestError(problem.code, { ...options, worded: problem.message });
}
