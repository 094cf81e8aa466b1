import { defineErrorCodes } from '../define-error-codes.js';

/** The codes of docs/errors/manifest.md, in the order of its table. */
export const manifestErrors = defineErrorCodes({
  AIS_MANIFEST_YAML: {
    meaning:
      'aistack.yaml is not valid YAML (tab indentation, misaligned keys, unclosed brackets, more than one document, too many alias expansions)',
    fix: 'fix the syntax at the position shown; indent with spaces',
  },
  AIS_MANIFEST_DUPLICATE_KEY: {
    meaning: 'the same key appears twice in one mapping (the error points at the second)',
    fix: 'keep one entry and merge their settings',
  },
  AIS_MANIFEST_FORBIDDEN_KEY: {
    meaning: 'a key named `__proto__`',
    fix: 'remove it',
  },
  AIS_MANIFEST_UNKNOWN_KEY: {
    meaning: 'a key the schema does not have (often a typo; the message suggests the closest key)',
    fix: 'use a key listed in docs/manifest.md for that section',
  },
  AIS_MANIFEST_UNKNOWN_SERVICE: {
    meaning: '`services:` (or `aistack add`/`remove`) names an id that is not in the catalog; the message suggests the closest id',
    fix: 'use an id from `aistack services`, or put your own service under `custom:`',
  },
  AIS_MANIFEST_MISSING_KEY: {
    meaning: 'a required key is absent (`name`, `domain`, `image` of a custom service, `email` for `tls.mode: acme` …)',
    fix: 'add the key named in the message under the section shown',
  },
  AIS_MANIFEST_INVALID_TYPE: {
    meaning: 'a value has the wrong type (a word where a number belongs, a list where a mapping belongs)',
    fix: 'write the value as the type the message names',
  },
  AIS_MANIFEST_INVALID_VALUE: {
    meaning:
      'a value has the right type but is not allowed (a memory size like `512 MB`, an unknown TLS mode, a port out of range, a relative volume path)',
    fix: 'use a value of the form the message names; see docs/manifest.md',
  },
  AIS_MANIFEST_INVALID_KEY: {
    meaning: 'a name used as a key is not valid (a custom service id with capitals, an environment variable name starting with a digit)',
    fix: 'rename it as the message says',
  },
});

export type ManifestErrorCode = keyof typeof manifestErrors;
