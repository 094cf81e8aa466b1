/** One error code as its area declares it under src/errors/codes/; docs/errors/ is rendered from these. */
export interface ErrorDeclaration {
  /** What the code means: the docs' meaning column. */
  readonly meaning: string;
  /** What to do: the docs' fix column, and the hint of an error thrown without a more specific one. */
  readonly fix: string;
  /** The HTTP status the server answers with; a code without one answers 500. */
  readonly status?: number;
  /** A code that is no longer raised: it stays listed (a code is never reused) and cannot be thrown. */
  readonly retired?: true;
  /** The heading of the table the code is listed under, on a page with more than one table. */
  readonly section?: string;
  /**
   * The message of one occurrence, worded from its facts: `({ path }: { path: string }) => …`, or
   * `() => …` for a code that needs none. The one place a code's wording lives; throw sites pass
   * the facts (`new StackError('AIS_STACK_CYCLE', { cycle })`). A retired code has none.
   */
  readonly message?: (facts: never) => string;
}

/**
 * Declare an area's codes, keyed by code, in the order its docs page lists them. The `const` type
 * parameter keeps every key and `retired: true` as literal types, which `ErrorCode` is built from.
 */
export function defineErrorCodes<const Codes extends Readonly<Record<`AIS_${string}`, ErrorDeclaration>>>(codes: Codes): Codes {
  return Object.freeze(codes);
}
