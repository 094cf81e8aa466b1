import { describe, expect, it } from 'vitest';
import { formatBytes } from '../../src/util/format-bytes.js';

describe('formatBytes', () => {
  it('counts bytes whole and larger sizes in binary units with one decimal', () => {
    expect([0, 812, 1023, 1024, 1536, 10 * 1024 ** 2, 1.5 * 1024 ** 3, 3 * 1024 ** 5].map((bytes) => formatBytes(bytes))).toEqual([
      '0 B',
      '812 B',
      '1023 B',
      '1.0 KiB',
      '1.5 KiB',
      '10.0 MiB',
      '1.5 GiB',
      '3072.0 TiB',
    ]);
  });

  it("keeps the decimal only below ten with 'below-ten'", () => {
    expect([812, 1536, 9.94 * 1024 ** 2, 12.4 * 1024 ** 2, 1.5 * 1024 ** 3].map((bytes) => formatBytes(bytes, 'below-ten'))).toEqual([
      '812 B',
      '1.5 KiB',
      '9.9 MiB',
      '12 MiB',
      '1.5 GiB',
    ]);
  });
});
