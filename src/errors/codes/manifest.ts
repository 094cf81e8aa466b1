import { defineErrorCodes } from '../define-error-codes.js';

type YamlProblem =
  | { readonly reason: string } // the YAML parser's own words
  | { readonly directive: string }
  | { readonly maxAliases: number }
  | { readonly badKey: 'collection' | 'alias' }
  | { readonly cannot: 'pin the upgraded image' };

function wordYamlProblem(problem: YamlProblem): string {
  if ('cannot' in problem) return `aistack.yaml is not a YAML mapping; cannot ${problem.cannot}`;
  const detail =
    'reason' in problem
      ? problem.reason
      : 'directive' in problem
        ? `the directive "${problem.directive}" is not allowed`
        : 'maxAliases' in problem
          ? `more than ${problem.maxAliases} alias expansions`
          : problem.badKey === 'alias'
            ? 'an alias cannot be a key'
            : 'keys must be plain words, not lists or mappings';
  return `invalid YAML: ${detail}`;
}

/** `path` is a dotted key path (`services.n8n.env`); `part` says whether the key or its value is wrong. */
type InvalidValue = { readonly path: string } & (
  | { readonly expected: string; readonly got: string }
  | { readonly reason: string } // the schema library's own words
  | { readonly controlCharacter: number; readonly part: 'key' | 'value' }
  | { readonly spansLines: true; readonly part: 'key' | 'value' }
);

function wordInvalidValue(problem: InvalidValue): string {
  if ('expected' in problem) return `${problem.path}: expected ${problem.expected}, got ${problem.got}`;
  if ('reason' in problem) return `${problem.path}: ${problem.reason}`;
  if ('controlCharacter' in problem) {
    const character = `U+${problem.controlCharacter.toString(16).toUpperCase().padStart(4, '0')}`;
    return `${problem.path || 'the top level'}: ${problem.part === 'key' ? 'the key' : 'the value'} contains the control character ${character}`;
  }
  return `${problem.path}: ${problem.part === 'key' ? 'a key' : 'this value'} cannot span lines`;
}

/** Where a key is missing or unknown: its parent's dotted path, empty for the top level. */
function inParent(parent: string): string {
  return parent === '' ? 'at the top level' : `in ${parent}`;
}

/** The codes of docs/errors/manifest.md, in the order of its table. */
export const manifestErrors = defineErrorCodes({
  AIS_MANIFEST_YAML: {
    meaning:
      'aistack.yaml is not valid YAML (tab indentation, misaligned keys, unclosed brackets, more than one document, too many alias expansions)',
    fix: 'fix the syntax at the position shown; indent with spaces',
    message: wordYamlProblem,
  },
  AIS_MANIFEST_DUPLICATE_KEY: {
    meaning: 'the same key appears twice in one mapping (the error points at the second)',
    fix: 'keep one entry and merge their settings',
    // A retired service id listed next to the id that replaced it is the same key twice.
    message: (duplicate: { key: string; firstLine: number } | { retired: string; current: string; line: number }) =>
      'retired' in duplicate
        ? `services.${duplicate.retired} is the retired name of ${duplicate.current}, which is also listed (line ${duplicate.line})`
        : `duplicate key "${duplicate.key}" (first set on line ${duplicate.firstLine})`,
  },
  AIS_MANIFEST_FORBIDDEN_KEY: {
    meaning: 'a key named `__proto__`',
    fix: 'remove it',
    message: () => 'the key "__proto__" is not allowed',
  },
  AIS_MANIFEST_UNKNOWN_KEY: {
    meaning: 'a key the schema does not have (often a typo; the message suggests the closest key)',
    fix: 'use a key listed in docs/manifest.md for that section',
    message: ({ key, parent, suggestion }: { key: string; parent: string; suggestion?: string | undefined }) =>
      `unknown key "${key}" ${inParent(parent)}${suggestion ? `; did you mean "${suggestion}"?` : ''}`,
  },
  AIS_MANIFEST_UNKNOWN_SERVICE: {
    meaning: '`services:` (or `aistack add`/`remove`) names an id that is not in the catalog; the message suggests the closest id',
    fix: 'use an id from `aistack services`, or put your own service under `custom:`',
    message: ({ id, suggestion }: { id: string; suggestion?: string | undefined }) =>
      `unknown service "${id}"${suggestion ? `; did you mean "${suggestion}"?` : ''}`,
  },
  AIS_MANIFEST_MISSING_KEY: {
    meaning: 'a required key is absent (`name`, `domain`, `image` of a custom service, `email` for `tls.mode: acme` …)',
    fix: 'add the key named in the message under the section shown',
    message: ({ key, parent, expected }: { key: string; parent: string; expected: string }) =>
      `missing key "${key}" ${inParent(parent)}: expected ${expected}`,
  },
  AIS_MANIFEST_INVALID_TYPE: {
    meaning: 'a value has the wrong type (a word where a number belongs, a list where a mapping belongs)',
    fix: 'write the value as the type the message names',
    // Without `got`: the value is not described (an editor checks the document before it edits).
    message: ({ path, expected, got }: { path: string; expected: string; got?: string }) =>
      `${path || 'the top level'}: expected ${expected}${got === undefined ? '' : `, got ${got}`}`,
  },
  AIS_MANIFEST_INVALID_VALUE: {
    meaning:
      'a value has the right type but is not allowed (a memory size like `512 MB`, an unknown TLS mode, a port out of range, a relative volume path)',
    fix: 'use a value of the form the message names; see docs/manifest.md',
    message: wordInvalidValue,
  },
  AIS_MANIFEST_INVALID_KEY: {
    meaning: 'a name used as a key is not valid (a custom service id with capitals, an environment variable name starting with a digit)',
    fix: 'rename it as the message says',
    message: (problem: { parent: string; key: string; expected: string } | { editPath: readonly string[] }) =>
      'editPath' in problem
        ? `cannot edit the key path "${problem.editPath.join('.')}"`
        : `${problem.parent}: "${problem.key}" is not a valid key: expected ${problem.expected}`,
  },
});

export type ManifestErrorCode = keyof typeof manifestErrors;
