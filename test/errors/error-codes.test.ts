import { describe, expect, expectTypeOf, it } from 'vitest';
import { defineErrorCodes } from '../../src/errors/define-error-codes.js';
import { ERROR_CODES, ERROR_PAGES, isErrorCode } from '../../src/errors/error-codes.js';
import type { ErrorCode, LiveErrorCode, RetiredCodeOf } from '../../src/errors/error-codes.js';
import { AistackError, StackError, wordProblem } from '../../src/errors.js';

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
    const cycle = ['a', 'b', 'a'];
    expect(new StackError('AIS_STACK_CYCLE', { cycle }).hint).toBe('remove one `dependsOn` entry of the cycle shown');
    expect(new StackError('AIS_STACK_CYCLE', { cycle, hint: 'drop b → a' }).hint).toBe('drop b → a');
  });

  it("word the message from the code's declaration and the facts of the throw site", () => {
    const error = new StackError('AIS_STACK_CYCLE', { cycle: ['a', 'b', 'a'], location: { file: 'aistack.yaml', line: 3, column: 5 } });
    expect(error.message).toBe('dependency cycle: a → b → a');
    expect(error.format()).toBe('aistack.yaml:3:5 AIS_STACK_CYCLE dependency cycle: a → b → a');
    expect(wordProblem('AIS_STACK_CYCLE', { cycle: ['x', 'x'] }).message).toBe('dependency cycle: x → x');
    // A problem worded first and raised later keeps its wording.
    expect(new StackError('AIS_STACK_CYCLE', { cycle: [], worded: 'dependency cycle: y → y' }).message).toBe('dependency cycle: y → y');
    const misuses = [
      // @ts-expect-error a code with a template takes its facts, not a message written at the throw site
      () => new StackError('AIS_STACK_CYCLE', 'dependency cycle'),
      // @ts-expect-error the facts are typed: a cycle is a list of service ids
      () => new StackError('AIS_STACK_CYCLE', { cycle: 'a → a' }),
    ];
    expect(misuses).toHaveLength(2);
  });

  it('word every live code from its declaration (no message is written at a throw site)', () => {
    const unworded = Object.entries(ERROR_CODES).filter(
      ([, declaration]) => declaration.retired !== true && declaration.message === undefined,
    );
    expect(unworded.map(([code]) => code)).toEqual([]);
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
