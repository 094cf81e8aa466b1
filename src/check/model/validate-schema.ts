import type { ValidateFunction } from 'ajv';
import type { SchemaProblem } from '../types.js';

/** Validate a compose document with the Compose Specification validator (draft-07, all errors). */
export function validateComposeSchema(validate: ValidateFunction, document: unknown): SchemaProblem[] {
  if (validate(document)) return [];
  const problems: SchemaProblem[] = [];
  const seen = new Set<string>();
  for (const error of validate.errors ?? []) {
    // oneOf/anyOf branches repeat the same complaint; keep the first per path.
    if (error.keyword === 'oneOf' || error.keyword === 'anyOf') continue;
    const path = error.instancePath
      .split('/')
      .slice(1)
      .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
    const unknownKey = error.keyword === 'additionalProperties';
    if (unknownKey) path.push(String((error.params as { additionalProperty?: string }).additionalProperty));
    const key = path.join('/');
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push({
      path: path.map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment)),
      message: unknownKey ? 'is not a Compose key (misspelt, or in the wrong place)' : (error.message ?? 'is invalid'),
      ...(unknownKey ? { key: true } : {}),
    });
  }
  return problems;
}
