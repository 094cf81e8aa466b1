import { ERROR_CODES, isErrorCode, type ErrorCode, type LiveErrorCode } from './errors/error-codes.js';

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
}

/**
 * The one base class for every error aistack raises on purpose. `code` is stable
 * (`AIS_<AREA>_<PROBLEM>`, declared under src/errors/codes/ and listed in docs/errors/): a code
 * that is not declared, or is retired, does not type-check. `hint` says what to do next.
 */
export class AistackError extends Error {
  override name = 'AistackError';
  readonly code: ErrorCode;
  readonly hint: string | undefined;
  readonly location: SourceLocation | undefined;
  readonly related: readonly AistackError[];

  constructor(code: LiveErrorCode, message: string, options: AistackErrorOptions = {}) {
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

export class ManifestError extends AistackError {
  override name = 'ManifestError';
}

/** The project directory itself: missing, not a directory, not writable. */
export class ProjectError extends AistackError {
  override name = 'ProjectError';
}

export class CatalogError extends AistackError {
  override name = 'CatalogError';
}

export class StackError extends AistackError {
  override name = 'StackError';
}

export class CheckError extends AistackError {
  override name = 'CheckError';
}

export class SecretsError extends AistackError {
  override name = 'SecretsError';
}

export class TlsError extends AistackError {
  override name = 'TlsError';
}

export class DockerError extends AistackError {
  override name = 'DockerError';
}

export class StoreError extends AistackError {
  override name = 'StoreError';
}

export class BackupError extends AistackError {
  override name = 'BackupError';
}

export class MonitorError extends AistackError {
  override name = 'MonitorError';
}

export class ServerError extends AistackError {
  override name = 'ServerError';
}

export class UpgradeError extends AistackError {
  override name = 'UpgradeError';
}
