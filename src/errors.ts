import { ERROR_CODES, isErrorCode, type DeclarationOf, type ErrorCode, type LiveErrorCode } from './errors/error-codes.js';

export type { ErrorCode, LiveErrorCode } from './errors/error-codes.js';

/** Where in a user's file a problem is. Lines and columns are 1-based. */
export interface SourceLocation {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

export interface AistackErrorOptions {
  /** What to do next, when it says more than the code's declared fix (which is the hint otherwise). */
  readonly hint?: string;
  readonly location?: SourceLocation;
  readonly cause?: unknown;
  /** Further problems found together with this one (all of aistack.yaml's, not only the first); printed after it. */
  readonly related?: readonly AistackError[];
  /**
   * A message its code's template already worded (`wordError`): a problem listed first and raised
   * later, or an error raised again with its own code. Never a message written at the throw site.
   */
  readonly worded?: string;
}

/** What raises an already-worded message again (`worded`): the options, and the message itself. */
export type WordedDetails = AistackErrorOptions & { readonly worded: string };

/** true for a union of codes (a code known only at run time, such as a listed problem's). */
type IsUnion<T, All = T> = T extends unknown ? ([All] extends [T] ? false : true) : never;

/**
 * What `new …Error(code, …)` takes after the code, from the code's declaration: nothing or the
 * options for a message without facts; the facts (with the options beside them) for one with
 * facts. A code known only at run time (a union) can only raise a message already worded by its
 * template (`wordError`). A code whose declaration has no message yet still takes a worded message.
 */
export type ErrorArgs<Code extends LiveErrorCode> =
  true extends IsUnion<Code>
    ? [details: WordedDetails]
    : DeclarationOf<Code> extends { readonly message: () => string }
      ? [details?: AistackErrorOptions]
      : DeclarationOf<Code> extends { readonly message: (facts: infer Facts) => string }
        ? [details: Facts & AistackErrorOptions]
        : [message: string, options?: AistackErrorOptions];

/** The message a code's declaration words from these facts (for problems listed before they are raised). */
export function wordError<Code extends LiveErrorCode>(code: Code, ...args: ErrorArgs<Code>): string {
  return resolveArgs(code, args).message;
}

function resolveArgs(code: string, args: readonly unknown[]): { message: string; options: AistackErrorOptions } {
  const [first, second] = args;
  if (typeof first === 'string') return { message: first, options: second ?? {} };
  const details = (first ?? {}) as AistackErrorOptions & { readonly worded?: string };
  if (details.worded !== undefined) return { message: details.worded, options: details };
  const declaration = isErrorCode(code) ? (ERROR_CODES[code] as unknown as { message?: (facts: unknown) => string }) : undefined;
  // An untyped code (a cast, plain JavaScript) has no template: it says at least which code it was.
  return { message: declaration?.message ? declaration.message(details) : code, options: details };
}

/**
 * The one base class for every error aistack raises on purpose. `code` is stable
 * (`AIS_<AREA>_<PROBLEM>`, declared under src/errors/codes/ and listed in docs/errors/): a code
 * that is not declared, or is retired, does not type-check. The message comes from the code's
 * declaration and the facts passed here; `hint` says what to do next.
 */
export class AistackError<Code extends LiveErrorCode = LiveErrorCode> extends Error {
  override name = 'AistackError';
  readonly code: ErrorCode;
  readonly hint: string | undefined;
  readonly location: SourceLocation | undefined;
  readonly related: readonly AistackError[];

  constructor(code: Code, ...args: ErrorArgs<Code>) {
    const { message, options } = resolveArgs(code, args);
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    // isErrorCode: a code can still arrive untyped (a cast, plain JavaScript); such an error has no default hint.
    this.hint = options.hint ?? (isErrorCode(code) ? ERROR_CODES[code].fix : undefined);
    this.location = options.location;
    this.related = options.related ?? [];
  }

  /** `file:line:col CODE message` — the form the CLI prints. */
  format(): string {
    const where = this.location ? `${this.location.file}:${this.location.line}:${this.location.column} ` : '';
    return `${where}${this.code} ${this.message}`;
  }
}

export class ManifestError<Code extends LiveErrorCode = LiveErrorCode> extends AistackError<Code> {
  override name = 'ManifestError';
}

/** The project directory itself: missing, not a directory, not writable. */
export class ProjectError<Code extends LiveErrorCode = LiveErrorCode> extends AistackError<Code> {
  override name = 'ProjectError';
}

export class CatalogError<Code extends LiveErrorCode = LiveErrorCode> extends AistackError<Code> {
  override name = 'CatalogError';
}

export class StackError<Code extends LiveErrorCode = LiveErrorCode> extends AistackError<Code> {
  override name = 'StackError';
}

export class CheckError<Code extends LiveErrorCode = LiveErrorCode> extends AistackError<Code> {
  override name = 'CheckError';
}

export class SecretsError<Code extends LiveErrorCode = LiveErrorCode> extends AistackError<Code> {
  override name = 'SecretsError';
}

export class TlsError<Code extends LiveErrorCode = LiveErrorCode> extends AistackError<Code> {
  override name = 'TlsError';
}

export class DockerError<Code extends LiveErrorCode = LiveErrorCode> extends AistackError<Code> {
  override name = 'DockerError';
}

export class StoreError<Code extends LiveErrorCode = LiveErrorCode> extends AistackError<Code> {
  override name = 'StoreError';
}

export class BackupError<Code extends LiveErrorCode = LiveErrorCode> extends AistackError<Code> {
  override name = 'BackupError';
}

export class MonitorError<Code extends LiveErrorCode = LiveErrorCode> extends AistackError<Code> {
  override name = 'MonitorError';
}

export class ServerError<Code extends LiveErrorCode = LiveErrorCode> extends AistackError<Code> {
  override name = 'ServerError';
}

export class UpgradeError<Code extends LiveErrorCode = LiveErrorCode> extends AistackError<Code> {
  override name = 'UpgradeError';
}
