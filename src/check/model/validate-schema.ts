import { Ajv } from 'ajv';
import type { ValidateFunction } from 'ajv';
import type { SchemaProblem } from '../types.js';

let compiled: { schema: object; validate: ValidateFunction } | undefined;

/** Validate a compose document against the Compose Specification (draft-07); compiled once per schema. */
export function validateComposeSchema(schema: object, document: unknown): SchemaProblem[] {
  if (compiled?.schema !== schema) {
    const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
    // The spec says `https://json-schema.org/draft-07/schema`, which ajv knows only as `http://…#`; it is draft-07 either way.
    const { $schema: _ignored, ...body } = schema as Record<string, unknown>;
    compiled = { schema, validate: ajv.compile(body) };
  }
  if (compiled.validate(document)) return [];
  const problems: SchemaProblem[] = [];
  const seen = new Set<string>();
  for (const error of compiled.validate.errors ?? []) {
    // oneOf/anyOf branches repeat the same complaint; keep the first per path.
    if (error.keyword === 'oneOf' || error.keyword === 'anyOf') continue;
    const path = error.instancePath.split('/').slice(1).map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
    const extra = error.keyword === 'additionalProperties' ? ` "${String((error.params as { additionalProperty?: string }).additionalProperty)}"` : '';
    if (error.keyword === 'additionalProperties') path.push(String((error.params as { additionalProperty?: string }).additionalProperty));
    const key = path.join('/');
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push({ path: path.map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment)), message: `${error.message ?? 'is invalid'}${extra}` });
  }
  return problems;
}
