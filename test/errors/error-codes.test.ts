import { describe, expect, expectTypeOf, it } from 'vitest';
import { defineErrorCodes } from '../../src/errors/define-error-codes.js';
import { ERROR_CODES, ERROR_PAGES, isErrorCode } from '../../src/errors/error-codes.js';
import type { ErrorCode, LiveErrorCode, RetiredCodeOf } from '../../src/errors/error-codes.js';
import { AistackError, StackError } from '../../src/errors.js';

const example = defineErrorCodes({
  AIS_EXAMPLE_LIVE: { meaning: 'still raised', fix: 'do this' },
  AIS_EXAMPLE_GONE: { meaning: 'no longer raised', fix: 'nothing', retired: true },
});

describe('error code declarations', () => {
  it('declare each code on one page only', () => {
    const codes = ERROR_PAGES.flatMap((page) => Object.keys(page.codes));
    expect(codes.filter((code, index) => codes.indexOf(code) !== index)).toEqual([]);
    expect(codes.length).toBe(Object.keys(ERROR_CODES).length);
  });

  it('name codes AIS_<AREA>_<PROBLEM>', () => {
    expect(Object.keys(ERROR_CODES).filter((code) => !/^AIS_[A-Z0-9]+_[A-Z0-9_]+$/.test(code))).toEqual([]);
  });

  it('give the declared fix as the hint of an error thrown without one, and keep a more specific hint', () => {
    expect(new StackError('AIS_STACK_CYCLE', 'dependency cycle: a → b → a').hint).toBe('remove one `dependsOn` entry of the cycle shown');
    expect(new StackError('AIS_STACK_CYCLE', 'dependency cycle: a → b → a', { hint: 'drop b → a' }).hint).toBe('drop b → a');
  });

  it('tell a declared code from any other string', () => {
    expect(isErrorCode('AIS_STACK_CYCLE')).toBe(true);
    expect(isErrorCode('AIS_STACK_CYCEL')).toBe(false);
    expect(isErrorCode('toString')).toBe(false);
  });

  it('make a misspelled or undeclared code a type error', () => {
    // @ts-expect-error AIS_STACK_CYCEL is not declared
    const untyped = new AistackError('AIS_STACK_CYCEL', 'x');
    expect([untyped.code, untyped.hint]).toEqual(['AIS_STACK_CYCEL', undefined]);
    expectTypeOf<'AIS_STACK_CYCLE'>().toExtend<LiveErrorCode>();
    expectTypeOf<'AIS_STACK_CYCEL'>().not.toExtend<ErrorCode>();
  });

  it('keep a retired code out of the codes an error can be raised with', () => {
    expect(example.AIS_EXAMPLE_GONE.retired).toBe(true);
    type Live = Exclude<keyof typeof example, RetiredCodeOf<typeof example>>;
    expectTypeOf<RetiredCodeOf<typeof example>>().toEqualTypeOf<'AIS_EXAMPLE_GONE'>();
    expectTypeOf<Live>().toEqualTypeOf<'AIS_EXAMPLE_LIVE'>();
    const raise = (code: Live): string => code;
    // @ts-expect-error a retired code cannot be raised
    expect(raise('AIS_EXAMPLE_GONE')).toBe('AIS_EXAMPLE_GONE');
  });
});
