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
   * A message its code's template already worded (`wordProblem`): a problem listed first and raised
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
 * template (`wordProblem`). There is no form that takes a message written at the throw site.
 */
export type ErrorArgs<Code extends LiveErrorCode> =
  true extends IsUnion<Code>
    ? [details: WordedDetails]
    : DeclarationOf<Code> extends { readonly message: () => string }
      ? [details?: AistackErrorOptions]
      : DeclarationOf<Code> extends { readonly message: (facts: infer Facts) => string }
        ? [details: Facts & AistackErrorOptions]
        : never;

/** A problem's code with the message its template words from these facts, for a list raised later (`worded`). */
export function wordProblem<Code extends LiveErrorCode>(
  code: Code,
  ...args: ErrorArgs<Code>
): { readonly code: Code; readonly message: string } {
  return { code, message: resolveArgs(code, args).message };
}

function resolveArgs(code: string, args: readonly unknown[]): { message: string; options: AistackErrorOptions } {
  const [first] = args;
  const details = (first ?? {}) as AistackErrorOptions;
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
class AistackErrorBase extends Error {
  override name = 'AistackError';
  readonly code: ErrorCode;
  readonly hint: string | undefined;
  readonly location: SourceLocation | undefined;
  readonly related: readonly AistackError[];

  constructor(code: LiveErrorCode, ...args: readonly unknown[]) {
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

/**
 * An error class whose constructor takes a code and what that code's declaration asks for
 * (`ErrorArgs`). Only the constructor is generic: an instance, and what `instanceof` narrows to,
 * is the plain class.
 */
export interface AistackErrorClass {
  new <Code extends LiveErrorCode>(code: Code, ...args: ErrorArgs<Code>): AistackErrorBase;
  readonly prototype: AistackErrorBase;
}

/** The constructor without its per-code typing: for a class that extends an error class with a typed constructor of its own. */
export type UntypedErrorClass = new (code: LiveErrorCode, ...args: readonly unknown[]) => AistackErrorBase;

export const AistackError = AistackErrorBase as AistackErrorClass;
export type AistackError = AistackErrorBase;

/**
 * An area's error class: `base` (AistackError) under the area's name, which printed errors and
 * `instanceof` tell apart. (A class cannot extend a constructor whose signature is generic, so
 * areas declare theirs this way rather than with `class … extends`.)
 */
export function defineErrorClass(name: string, base: AistackErrorClass = AistackError): AistackErrorClass {
  const Base = base as unknown as UntypedErrorClass;
  const named = {
    [name]: class extends Base {
      override name = name;
    },
  };
  return named[name] as unknown as AistackErrorClass;
}

export const ManifestError = defineErrorClass('ManifestError');
export type ManifestError = AistackError;

/** The project directory itself: missing, not a directory, not writable. */
export const ProjectError = defineErrorClass('ProjectError');
export type ProjectError = AistackError;

export const CatalogError = defineErrorClass('CatalogError');
export type CatalogError = AistackError;

export const StackError = defineErrorClass('StackError');
export type StackError = AistackError;

export const CheckError = defineErrorClass('CheckError');
export type CheckError = AistackError;

export const SecretsError = defineErrorClass('SecretsError');
export type SecretsError = AistackError;

export const TlsError = defineErrorClass('TlsError');
export type TlsError = AistackError;

export const DockerError = defineErrorClass('DockerError');
export type DockerError = AistackError;

export const StoreError = defineErrorClass('StoreError');
export type StoreError = AistackError;

export const BackupError = defineErrorClass('BackupError');
export type BackupError = AistackError;

export const MonitorError = defineErrorClass('MonitorError');
export type MonitorError = AistackError;

export const ServerError = defineErrorClass('ServerError');
export type ServerError = AistackError;

export const UpgradeError = defineErrorClass('UpgradeError');
export type UpgradeError = AistackError;
