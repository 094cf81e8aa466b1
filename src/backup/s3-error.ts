import { BackupError } from '../errors.js';

/** Where an S3 call went, for the message: the bucket, the key and the endpoint (or AWS's region). */
export interface S3CallContext {
  readonly action: string;
  readonly bucket: string;
  readonly key: string;
  readonly endpoint: string | undefined;
  readonly region: string | undefined;
}

/** S3 error names (the XML `Code`) that mean the credentials were refused or may not write there. */
const DENIED = new Set([
  'InvalidAccessKeyId',
  'SignatureDoesNotMatch',
  'AccessDenied',
  'ExpiredToken',
  'InvalidToken',
  'TokenRefreshRequired',
  'CredentialsProviderError',
]);

/** Node's socket and DNS error codes that mean nothing answered at the endpoint. */
const UNREACHABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE']);

interface ErrorShape {
  readonly name?: unknown;
  readonly code?: unknown;
  readonly message?: unknown;
  readonly $metadata?: { readonly httpStatusCode?: unknown };
}

function shapeOf(error: unknown): ErrorShape {
  return typeof error === 'object' && error !== null ? error : {};
}

/** The socket or DNS code of a failed connection, also when Node wraps several attempts in an AggregateError. */
function networkCode(error: unknown): string | undefined {
  const shape = shapeOf(error);
  if (typeof shape.code === 'string' && UNREACHABLE.has(shape.code)) return shape.code;
  if (error instanceof AggregateError) for (const inner of error.errors) if (networkCode(inner)) return networkCode(inner);
  if (shape.name === 'TimeoutError') return 'timeout';
  return undefined;
}

/**
 * The coded error for a failed S3 call: a missing bucket, an endpoint that does not answer and
 * refused credentials each get their own code and hint; anything else is AIS_BACKUP_UPLOAD_FAILED.
 * The SDK's message is kept (it never carries the secret key); the SDK error is the cause.
 */
export function toS3UploadError(error: unknown, call: S3CallContext): BackupError {
  const shape = shapeOf(error);
  const name = typeof shape.name === 'string' ? shape.name : 'Error';
  const status = shape.$metadata?.httpStatusCode;
  const detail = typeof shape.message === 'string' && shape.message !== '' ? shape.message : name;
  if (name === 'NoSuchBucket')
    return new BackupError('AIS_BACKUP_S3_NO_BUCKET', {
      call,
      hint: 'create the bucket, or correct backup.s3.bucket (and endpoint/region) in aistack.yaml; the local archive is intact',
      cause: error,
    });
  const unreachable = networkCode(error);
  if (unreachable)
    return new BackupError('AIS_BACKUP_S3_UNREACHABLE', {
      call,
      network: unreachable,
      hint: 'check backup.s3.endpoint and that the S3 server runs and is reachable from this host; the local archive is intact',
      cause: error,
    });
  if (DENIED.has(name) || status === 403)
    return new BackupError('AIS_BACKUP_S3_DENIED', {
      call,
      name,
      detail,
      hint: 'set AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (or a profile or instance role) for an identity that may write to the bucket',
      cause: error,
    });
  return new BackupError('AIS_BACKUP_UPLOAD_FAILED', {
    call,
    detail,
    hint: 'check the bucket, the endpoint and the credentials (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY or an instance profile)',
    cause: error,
  });
}
