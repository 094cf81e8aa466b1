import { describe, expect, it } from 'vitest';
import { parseDurationSeconds } from '../../../src/stack/resolve/duration.js';
import { thrown } from './support/context.js';

describe('parseDurationSeconds', () => {
  it('reads seconds, minutes, hours and days', () => {
    expect(['30s', '5m', '2h', '365d'].map(parseDurationSeconds)).toEqual([30, 300, 7200, 31_536_000]);
  });

  it('rejects anything else', () => {
    expect(thrown(() => parseDurationSeconds('1w'))).toMatchObject({ code: 'AIS_STACK_DURATION' });
  });
});
