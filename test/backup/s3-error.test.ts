import { NoSuchBucket, S3ServiceException } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { toS3UploadError } from '../../src/backup/s3-error.js';

const call = {
  action: 'upload',
  bucket: 'backups',
  key: 'ai/20261202T000000Z-abcdef.tar',
  endpoint: 'https://s3.example.net',
  region: undefined,
};

/** An S3 error answer as the SDK builds it from the XML `Code`. */
function answer(name: string, status: number, message: string): S3ServiceException {
  return new S3ServiceException({ name, $fault: 'client', $metadata: { httpStatusCode: status }, message });
}

/** A failed connection as Node reports it. */
function socketError(code: string): Error {
  return Object.assign(new Error(`connect ${code} 10.0.0.1:443`), { code });
}

describe('the coded error for a failed S3 call', () => {
  it('names a missing bucket and where it was looked for', () => {
    const error = toS3UploadError(
      new NoSuchBucket({ $metadata: { httpStatusCode: 404 }, message: 'The specified bucket does not exist' }),
      call,
    );
    expect([error.code, error.message, error.hint]).toEqual([
      'AIS_BACKUP_S3_NO_BUCKET',
      'S3 upload of ai/20261202T000000Z-abcdef.tar in bucket backups failed: bucket backups does not exist at https://s3.example.net',
      'create the bucket, or correct backup.s3.bucket (and endpoint/region) in aistack.yaml; the local archive is intact',
    ]);
  });

  it('says AWS S3 and the region when no endpoint is set', () => {
    const error = toS3UploadError(answer('NoSuchBucket', 404, 'The specified bucket does not exist'), {
      ...call,
      endpoint: undefined,
      region: 'eu-central-1',
    });
    expect(error.message).toBe(
      'S3 upload of ai/20261202T000000Z-abcdef.tar in bucket backups failed: bucket backups does not exist at AWS S3 (eu-central-1)',
    );
  });

  it('reports refused credentials with the server’s reason: unknown key id, wrong signature, access denied, a bare 403', () => {
    const cases = [
      answer('InvalidAccessKeyId', 403, 'The AWS Access Key Id you provided does not exist in our records.'),
      answer('SignatureDoesNotMatch', 403, 'The request signature we calculated does not match the signature you provided.'),
      answer('AccessDenied', 403, 'Access Denied'),
      answer('Forbidden', 403, ''),
    ];
    expect(cases.map((error) => toS3UploadError(error, call)).map((error) => [error.code, error.message])).toEqual([
      [
        'AIS_BACKUP_S3_DENIED',
        'S3 upload of ai/20261202T000000Z-abcdef.tar in bucket backups failed: https://s3.example.net refused the ' +
          'credentials (InvalidAccessKeyId: The AWS Access Key Id you provided does not exist in our records.)',
      ],
      [
        'AIS_BACKUP_S3_DENIED',
        'S3 upload of ai/20261202T000000Z-abcdef.tar in bucket backups failed: https://s3.example.net refused the ' +
          'credentials (SignatureDoesNotMatch: The request signature we calculated does not match the signature you provided.)',
      ],
      [
        'AIS_BACKUP_S3_DENIED',
        'S3 upload of ai/20261202T000000Z-abcdef.tar in bucket backups failed: https://s3.example.net refused the credentials (AccessDenied: Access Denied)',
      ],
      [
        'AIS_BACKUP_S3_DENIED',
        'S3 upload of ai/20261202T000000Z-abcdef.tar in bucket backups failed: https://s3.example.net refused the credentials (Forbidden: Forbidden)',
      ],
    ]);
  });

  it('reports missing credentials (the SDK found none in its chain) as refused credentials', () => {
    const missing = Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' });
    expect(toS3UploadError(missing, call).code).toBe('AIS_BACKUP_S3_DENIED');
  });

  it('reports an endpoint that does not answer: refused, unknown host, timeout, and refused on every address', () => {
    const cases = [
      socketError('ECONNREFUSED'),
      socketError('ENOTFOUND'),
      Object.assign(new Error('socket hang up'), { name: 'TimeoutError' }),
      Object.assign(new AggregateError([socketError('ECONNREFUSED'), socketError('ECONNREFUSED')], ''), { code: 'ECONNREFUSED' }),
      new AggregateError([socketError('EHOSTUNREACH')], ''),
    ];
    expect(cases.map((error) => toS3UploadError(error, call)).map((error) => `${error.code} ${error.message}`)).toEqual([
      'AIS_BACKUP_S3_UNREACHABLE S3 upload of ai/20261202T000000Z-abcdef.tar in bucket backups failed: https://s3.example.net did not answer (ECONNREFUSED)',
      'AIS_BACKUP_S3_UNREACHABLE S3 upload of ai/20261202T000000Z-abcdef.tar in bucket backups failed: https://s3.example.net did not answer (ENOTFOUND)',
      'AIS_BACKUP_S3_UNREACHABLE S3 upload of ai/20261202T000000Z-abcdef.tar in bucket backups failed: https://s3.example.net did not answer (timeout)',
      'AIS_BACKUP_S3_UNREACHABLE S3 upload of ai/20261202T000000Z-abcdef.tar in bucket backups failed: https://s3.example.net did not answer (ECONNREFUSED)',
      'AIS_BACKUP_S3_UNREACHABLE S3 upload of ai/20261202T000000Z-abcdef.tar in bucket backups failed: https://s3.example.net did not answer (EHOSTUNREACH)',
    ]);
  });

  it('keeps AIS_BACKUP_UPLOAD_FAILED for anything else: a missing key after upload, a server error, a non-error thrown', () => {
    const cases: unknown[] = [answer('NotFound', 404, ''), answer('InternalError', 500, 'We encountered an internal error.'), 'boom'];
    expect(
      cases.map((error) => toS3UploadError(error, { ...call, action: 'HEAD' })).map((error) => `${error.code} ${error.message}`),
    ).toEqual([
      'AIS_BACKUP_UPLOAD_FAILED S3 HEAD of ai/20261202T000000Z-abcdef.tar in bucket backups failed: NotFound',
      'AIS_BACKUP_UPLOAD_FAILED S3 HEAD of ai/20261202T000000Z-abcdef.tar in bucket backups failed: We encountered an internal error.',
      'AIS_BACKUP_UPLOAD_FAILED S3 HEAD of ai/20261202T000000Z-abcdef.tar in bucket backups failed: Error',
    ]);
  });

  it('keeps the SDK error as the cause', () => {
    const cause = answer('AccessDenied', 403, 'Access Denied');
    expect(toS3UploadError(cause, call).cause).toBe(cause);
  });
});
