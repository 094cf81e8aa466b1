import { describe, expect, it } from 'vitest';
import { resolveBackup } from '../../../src/stack/resolve/backup.js';
import { contextOf } from './support/context.js';

describe('resolveBackup', () => {
  it('has no schedule, no retention limits, no S3 and no models by default', () => {
    expect(resolveBackup(contextOf({}).manifest)).toEqual({
      directory: undefined,
      schedule: undefined,
      keep: {},
      s3: undefined,
      includeModels: false,
    });
  });

  it('keeps the directory as written and gives S3 an empty prefix', () => {
    const manifest = contextOf({
      backup: { directory: 'archives', schedule: '0 3 * * *', keep: { last: 3 }, s3: { bucket: 'b' }, includeModels: true },
    }).manifest;
    expect(resolveBackup(manifest)).toEqual({
      directory: 'archives',
      schedule: '0 3 * * *',
      keep: { last: 3 },
      s3: { bucket: 'b', prefix: '', region: undefined, endpoint: undefined },
      includeModels: true,
    });
  });
});
