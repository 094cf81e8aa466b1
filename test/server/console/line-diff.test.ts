import { describe, expect, it } from 'vitest';
import { createUnifiedDiff } from '../../../src/server/console/line-diff.js';

describe('createUnifiedDiff', () => {
  it('is empty for equal texts', () => {
    expect(createUnifiedDiff('a\nb\n', 'a\nb\n', 'x')).toBe('');
  });

  it('shows one changed line with three lines of context', () => {
    const before = 'one\ntwo\nthree\nfour\nfive\nsix\nseven\neight\n';
    const after = before.replace('five', 'FIVE');
    expect(createUnifiedDiff(before, after, 'f.txt')).toBe(
      ['--- a/f.txt', '+++ b/f.txt', '@@ -2,7 +2,7 @@', ' two', ' three', ' four', '-five', '+FIVE', ' six', ' seven', ' eight', ''].join(
        '\n',
      ),
    );
  });

  it('aligns insertions and deletions in separate hunks when far apart', () => {
    const lines = Array.from({ length: 20 }, (_, index) => `line ${index}`);
    const after = [...lines.slice(0, 1), 'new', ...lines.slice(1, 18), ...lines.slice(19)];
    expect(createUnifiedDiff(`${lines.join('\n')}\n`, `${after.join('\n')}\n`, 'f')).toBe(
      [
        '--- a/f',
        '+++ b/f',
        '@@ -1,4 +1,5 @@',
        ' line 0',
        '+new',
        ' line 1',
        ' line 2',
        ' line 3',
        '@@ -16,5 +17,4 @@',
        ' line 15',
        ' line 16',
        ' line 17',
        '-line 18',
        ' line 19',
        '',
      ].join('\n'),
    );
  });

  it('diffs a new file against nothing', () => {
    expect(createUnifiedDiff('', 'a\n', 'n')).toBe('--- a/n\n+++ b/n\n@@ -1,0 +1,1 @@\n+a\n');
  });
});
