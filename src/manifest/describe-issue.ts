import { closest, distance } from 'fastest-levenshtein';
import type { z } from 'zod';
import { wordProblem } from '../errors.js';
import type { ManifestErrorCode } from '../errors/codes/manifest.js';
import { listSchemaKeys } from './schema-keys.js';

/** One zod issue turned into words, before it gets a source position. */
export interface DescribedIssue {
  readonly code: ManifestErrorCode;
  readonly message: string;
  readonly hint: string;
  /** Key path of the offending node. */
  readonly path: readonly PropertyKey[];
  /** Point at the key (unknown keys, missing keys) or at the value. */
  readonly at: 'key' | 'value';
  /** For an unknown key: the key it is probably a typo of. */
  readonly suggestion?: string;
}

type Issue = z.core.$ZodIssue;

/** Values under these keys may be secrets (webhook URLs, tokens): never echo them. */
const SENSITIVE = /url|env|password|secret|token|endpoint/i;

/** `custom.app.volumes[0].target` */
export function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((segment, index) => (typeof segment === 'number' ? `[${segment}]` : `${index === 0 ? '' : '.'}${String(segment)}`))
    .join('');
}

/** The closest candidate when it is close enough to be a plausible typo. */
export function suggest(word: string, candidates: readonly string[]): string | undefined {
  if (candidates.length === 0) return undefined;
  const best = closest(word, [...candidates]);
  const limit = Math.max(2, Math.floor(word.length / 3));
  return distance(word.toLowerCase(), best.toLowerCase()) <= limit ? best : undefined;
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const segment of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[segment];
  }
  return value;
}

function describeReceived(value: unknown, path: readonly PropertyKey[]): string {
  const sensitive = path.some((segment) => SENSITIVE.test(String(segment)));
  if (value === null) return 'an empty value';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') {
    if (sensitive) return 'a string';
    return `"${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  }
  if (typeof value === 'number' || typeof value === 'boolean') return sensitive ? `a ${typeof value}` : String(value);
  if (typeof value === 'object') return 'a mapping';
  return typeof value;
}

const EXPECTED: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'a mapping (key: value lines)',
  array: 'a list',
  null: 'an empty value',
  record: 'a mapping (key: value lines)',
};

function describeExpected(expected: string): string {
  return EXPECTED[expected] ?? expected;
}

function docsHint(path: readonly PropertyKey[]): string {
  const section = path.find((segment) => typeof segment === 'string');
  return section ? `see docs/manifest.md, section \`${section}\`` : 'see docs/manifest.md';
}

function quoteList(values: readonly unknown[]): string {
  return values.map((value) => JSON.stringify(value)).join(', ');
}

function describeOne(issue: Issue, path: readonly PropertyKey[], input: unknown, schema: z.ZodType): DescribedIssue[] {
  const received = valueAt(input, path);
  const got = describeReceived(received, path);
  const dotted = formatPath(path);
  const key = path.length > 0 ? String(path[path.length - 1]) : '';
  const parent = path.slice(0, -1);
  switch (issue.code) {
    case 'unrecognized_keys': {
      const allowed = listSchemaKeys(
        schema,
        path.filter((segment) => typeof segment === 'string' || typeof segment === 'number'),
      );
      return issue.keys.map((unknownKey) => {
        const guess = suggest(unknownKey, allowed);
        return {
          ...wordProblem('AIS_MANIFEST_UNKNOWN_KEY', { key: unknownKey, parent: dotted, suggestion: guess }),
          hint: allowed.length > 0 ? `keys allowed here: ${allowed.join(', ')}` : docsHint(path),
          path: [...path, unknownKey],
          at: 'key' as const,
          ...(guess === undefined ? {} : { suggestion: guess }),
        };
      });
    }
    case 'invalid_type': {
      const expected = describeExpected(issue.expected);
      if (received === undefined) {
        return [
          {
            ...wordProblem('AIS_MANIFEST_MISSING_KEY', { key, parent: formatPath(parent), expected }),
            hint: `add \`${key}:\` ${parent.length === 0 ? 'at the top level' : `under ${formatPath(parent)}`}; ${docsHint(path)}`,
            path,
            at: 'key',
          },
        ];
      }
      return [
        {
          ...wordProblem('AIS_MANIFEST_INVALID_TYPE', { path: dotted, expected, got }),
          hint: `write ${key ? `\`${key}\` as ` : ''}${expected}; ${docsHint(path)}`,
          path,
          at: 'value',
        },
      ];
    }
    case 'invalid_format': {
      const expected = issue.format === 'email' ? 'an email address' : issue.format === 'url' ? 'a URL' : issue.message;
      return [
        {
          ...wordProblem('AIS_MANIFEST_INVALID_VALUE', { path: dotted, expected, got }),
          hint: docsHint(path),
          path,
          at: 'value',
        },
      ];
    }
    case 'invalid_value': {
      const expected = issue.values.length === 1 ? JSON.stringify(issue.values[0]) : `one of ${quoteList(issue.values)}`;
      return [
        {
          ...wordProblem('AIS_MANIFEST_INVALID_VALUE', { path: dotted, expected, got }),
          hint: docsHint(path),
          path,
          at: 'value',
        },
      ];
    }
    case 'too_small':
    case 'too_big': {
      const bound = String(issue.code === 'too_small' ? issue.minimum : issue.maximum);
      const inclusive = issue.inclusive !== false;
      const comparison = issue.code === 'too_small' ? (inclusive ? 'at least' : 'more than') : inclusive ? 'at most' : 'less than';
      const expected =
        issue.origin === 'string'
          ? bound === '1' && issue.code === 'too_small'
            ? 'a non-empty string'
            : `a string of ${comparison} ${bound} characters`
          : issue.origin === 'array' || issue.origin === 'set'
            ? `a list of ${comparison} ${bound} ${bound === '1' ? 'item' : 'items'}`
            : `a number ${comparison} ${bound}`;
      return [
        {
          ...wordProblem('AIS_MANIFEST_INVALID_VALUE', { path: dotted, expected, got }),
          hint: docsHint(path),
          path,
          at: 'value',
        },
      ];
    }
    case 'invalid_key': {
      const inner = issue.issues[0];
      const expected = inner?.code === 'invalid_format' ? inner.message : 'a valid key';
      return [
        {
          ...wordProblem('AIS_MANIFEST_INVALID_KEY', { parent: formatPath(parent), key, expected }),
          hint: `rename "${key}"; ${docsHint(path)}`,
          path,
          at: 'key',
        },
      ];
    }
    case 'invalid_union':
      return describeUnion(issue, path, input, schema);
    case 'custom':
      // The schema's refinements name what they expect (`an image reference such as …`).
      return [
        {
          ...wordProblem('AIS_MANIFEST_INVALID_VALUE', { path: dotted, expected: issue.message, got }),
          hint: docsHint(path),
          path,
          at: 'value',
        },
      ];
    default:
      return [
        {
          ...wordProblem('AIS_MANIFEST_INVALID_VALUE', { path: dotted, reason: issue.message }),
          hint: docsHint(path),
          path,
          at: 'value',
        },
      ];
  }
}

function isTypeMismatch(issues: readonly Issue[]): boolean {
  return issues.length === 1 && issues[0]!.code === 'invalid_type' && issues[0].path.length === 0;
}

function describeUnion(
  issue: z.core.$ZodIssueInvalidUnion,
  path: readonly PropertyKey[],
  input: unknown,
  schema: z.ZodType,
): DescribedIssue[] {
  const received = valueAt(input, path);
  if ('discriminator' in issue && typeof issue.discriminator === 'string') {
    // discriminated union: the path already ends at the discriminator key
    const options = (issue as { options?: unknown[] }).options ?? [];
    const key = String(path[path.length - 1] ?? issue.discriminator);
    const parent = path.slice(0, -1);
    if (received === undefined) {
      return [
        {
          ...wordProblem('AIS_MANIFEST_MISSING_KEY', { key, parent: formatPath(parent), expected: `one of ${quoteList(options)}` }),
          hint: `add \`${key}:\` under ${formatPath(parent)}; ${docsHint(path)}`,
          path,
          at: 'key',
        },
      ];
    }
    return [
      {
        ...wordProblem('AIS_MANIFEST_INVALID_VALUE', {
          path: formatPath(path),
          expected: `one of ${quoteList(options)}`,
          got: describeReceived(received, path),
        }),
        hint: docsHint(path),
        path,
        at: 'value',
      },
    ];
  }
  const branches = issue.errors.filter((branch) => !isTypeMismatch(branch));
  if (branches.length === 0) {
    const expected = [
      ...new Set(
        issue.errors.map((branch) => {
          const first = branch[0];
          if (first?.code !== 'invalid_type') return 'another value';
          return first.expected === 'boolean' ? 'true/false' : describeExpected(first.expected);
        }),
      ),
    ];
    const key = String(path[path.length - 1] ?? '');
    return [
      received === undefined
        ? {
            ...wordProblem('AIS_MANIFEST_MISSING_KEY', { key, parent: formatPath(path.slice(0, -1)), expected: expected.join(' or ') }),
            hint: docsHint(path),
            path,
            at: 'key',
          }
        : {
            ...wordProblem('AIS_MANIFEST_INVALID_TYPE', {
              path: formatPath(path),
              expected: expected.join(' or '),
              got: describeReceived(received, path),
            }),
            hint: docsHint(path),
            path,
            at: 'value',
          },
    ];
  }
  // Several object shapes (health: http | tcp | command): an unknown key every option rejects is the clearest message.
  if (branches.length > 1) {
    const unknownInAll = branches[0]!.find(
      (candidate) =>
        candidate.code === 'unrecognized_keys' &&
        branches.every((branch) =>
          branch.some((other) => other.code === 'unrecognized_keys' && formatPath(other.path) === formatPath(candidate.path)),
        ),
    );
    if (unknownInAll) return describeOne(unknownInAll, [...path, ...unknownInAll.path], input, schema);
  }
  const best = [...branches].sort((left, right) => left.length - right.length)[0]!;
  return best.flatMap((inner) => describeOne(inner, [...path, ...inner.path], input, schema));
}

/**
 * Turn zod's issues into user-facing problems (still without positions). A missing key
 * that an unknown key next to it is a typo of (`emial:` when `email` is required) is
 * one mistake: only the unknown key, with its "did you mean", is reported.
 */
export function describeIssues(issues: readonly Issue[], input: unknown, schema: z.ZodType): DescribedIssue[] {
  const described = issues.flatMap((issue) => describeOne(issue, issue.path, input, schema));
  const misspelt = new Set(
    described
      .filter((issue) => issue.code === 'AIS_MANIFEST_UNKNOWN_KEY' && issue.suggestion !== undefined)
      .map((issue) => formatPath([...issue.path.slice(0, -1), issue.suggestion!])),
  );
  return described.filter((issue) => issue.code !== 'AIS_MANIFEST_MISSING_KEY' || !misspelt.has(formatPath(issue.path)));
}
