/** One line of a unified diff: kept (` `), removed (`-`) or added (`+`). */
export interface DiffLine {
  readonly kind: ' ' | '-' | '+';
  readonly text: string;
}

/** Above this many changed lines on each side, the middle is shown as replaced rather than aligned line by line. */
const MAX_ALIGNED_LINES = 4000;

/**
 * A unified diff of two texts (`--- a`, `+++ b`, `@@` hunks with `context` lines around each
 * change); the empty string when they are equal. Longest common subsequence on what remains after
 * the common head and tail are cut off, so small edits of large files stay cheap. Pure.
 */
export function createUnifiedDiff(before: string, after: string, name: string, context = 3): string {
  if (before === after) return '';
  const lines = diffLines(splitText(before), splitText(after));
  const hunks: string[] = [];
  let index = 0;
  while (index < lines.length) {
    if (lines[index]!.kind === ' ') {
      index += 1;
      continue;
    }
    const start = Math.max(0, index - context);
    let end = index;
    // Extend while the next change is within 2 × context kept lines.
    for (let cursor = index; cursor < lines.length; cursor += 1) {
      if (lines[cursor]!.kind !== ' ') end = cursor;
      else if (cursor - end > 2 * context) break;
    }
    const stop = Math.min(lines.length, end + context + 1);
    const slice = lines.slice(start, stop);
    const oldStart = 1 + lines.slice(0, start).filter((line) => line.kind !== '+').length;
    const newStart = 1 + lines.slice(0, start).filter((line) => line.kind !== '-').length;
    const oldCount = slice.filter((line) => line.kind !== '+').length;
    const newCount = slice.filter((line) => line.kind !== '-').length;
    hunks.push(`@@ -${oldStart},${oldCount} +${newStart},${newCount} @@`, ...slice.map((line) => `${line.kind}${line.text}`));
    index = stop;
  }
  return [`--- a/${name}`, `+++ b/${name}`, ...hunks, ''].join('\n');
}

/** Every line of both texts in order, marked kept, removed or added. */
export function diffLines(before: readonly string[], after: readonly string[]): DiffLine[] {
  let head = 0;
  while (head < before.length && head < after.length && before[head] === after[head]) head += 1;
  let tail = 0;
  while (tail < before.length - head && tail < after.length - head && before[before.length - 1 - tail] === after[after.length - 1 - tail])
    tail += 1;
  const a = before.slice(head, before.length - tail);
  const b = after.slice(head, after.length - tail);
  const middle: DiffLine[] =
    a.length > MAX_ALIGNED_LINES || b.length > MAX_ALIGNED_LINES
      ? [...a.map((text) => ({ kind: '-' as const, text })), ...b.map((text) => ({ kind: '+' as const, text }))]
      : alignLines(a, b);
  return [
    ...before.slice(0, head).map((text) => ({ kind: ' ' as const, text })),
    ...middle,
    ...before.slice(before.length - tail).map((text) => ({ kind: ' ' as const, text })),
  ];
}

function alignLines(a: readonly string[], b: readonly string[]): DiffLine[] {
  const width = b.length + 1;
  const table = new Uint32Array((a.length + 1) * width);
  for (let i = a.length - 1; i >= 0; i -= 1) {
    for (let j = b.length - 1; j >= 0; j -= 1) {
      table[i * width + j] =
        a[i] === b[j] ? table[(i + 1) * width + j + 1]! + 1 : Math.max(table[(i + 1) * width + j]!, table[i * width + j + 1]!);
    }
  }
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      out.push({ kind: ' ', text: a[i]! });
      i += 1;
      j += 1;
    } else if (table[(i + 1) * width + j]! >= table[i * width + j + 1]!) {
      out.push({ kind: '-', text: a[i]! });
      i += 1;
    } else {
      out.push({ kind: '+', text: b[j]! });
      j += 1;
    }
  }
  while (i < a.length) out.push({ kind: '-', text: a[i++]! });
  while (j < b.length) out.push({ kind: '+', text: b[j++]! });
  return out;
}

function splitText(text: string): string[] {
  if (text === '') return [];
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}
