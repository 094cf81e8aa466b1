import { afterEach, describe, expect, it, vi } from 'vitest';
import { printAistackError } from '../../src/cli/print-error.js';
import { StackError } from '../../src/errors.js';

describe('printAistackError', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('prints the located message, then the hint', () => {
    const lines: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => lines.push(String(chunk)) > 0);
    printAistackError(
      new StackError('AIS_STACK_UNKNOWN_SERVICE', {
        id: 'qdrnt',
        suggestion: 'qdrant',
        hint: 'run `aistack services`',
        location: { file: 'aistack.yaml', line: 3, column: 3 },
      }),
    );
    printAistackError(new StackError('AIS_STACK_CYCLE', { cycle: ['a', 'b', 'a'] }));
    expect(lines).toEqual([
      'error: aistack.yaml:3:3 AIS_STACK_UNKNOWN_SERVICE unknown service "qdrnt"; did you mean "qdrant"?\n',
      'hint: run `aistack services`\n',
      'error: AIS_STACK_CYCLE dependency cycle: a → b → a\n',
      // Thrown without a hint of its own: the declared fix (src/errors/codes/stack.ts) is the hint.
      'hint: remove one `dependsOn` entry of the cycle shown\n',
    ]);
  });
});
