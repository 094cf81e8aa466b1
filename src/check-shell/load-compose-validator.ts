import type { ValidateFunction } from 'ajv';

let validatorCache: Promise<ValidateFunction> | undefined;

/** The Compose Specification validator, compiled ahead of time (scripts/compile-compose-schema.mjs), loaded once on first use. */
export function loadComposeValidator(): Promise<ValidateFunction> {
  validatorCache ??= import(new URL('../../schemas/compose-spec.validate.mjs', import.meta.url).href).then(
    (module: { validate: ValidateFunction }) => module.validate,
  );
  return validatorCache;
}
