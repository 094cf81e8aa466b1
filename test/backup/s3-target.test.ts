import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { computeMultipartEtag, PART_SIZE, planParts } from '../../src/backup/s3-target.js';

const md5 = (text: string): Buffer => createHash('md5').update(text).digest();

describe('S3 upload planning', () => {
  it('splits a file into 16 MiB parts, with one (possibly empty) part for small files', () => {
    expect(planParts(0)).toEqual([{ start: 0, end: 0 }]);
    expect(planParts(10)).toEqual([{ start: 0, end: 10 }]);
    expect(planParts(PART_SIZE * 2 + 1)).toEqual([
      { start: 0, end: PART_SIZE },
      { start: PART_SIZE, end: PART_SIZE * 2 },
      { start: PART_SIZE * 2, end: PART_SIZE * 2 + 1 },
    ]);
  });

  it('computes the ETag S3 reports: plain md5 for one part, md5 of the part md5s and the count for several', () => {
    expect(computeMultipartEtag([md5('abc')])).toBe('900150983cd24fb0d6963f7d28e17f72');
    expect(computeMultipartEtag([md5('a'), md5('b')])).toBe(
      `${createHash('md5')
        .update(Buffer.concat([md5('a'), md5('b')]))
        .digest('hex')}-2`,
    );
  });
});
