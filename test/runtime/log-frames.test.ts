import { describe, expect, it } from 'vitest';
import { createLineAssembler, logLines, splitFrames } from '../../src/runtime/log-frames.js';

const frame = (stream: 1 | 2, text: string): Buffer => {
  const body = Buffer.from(text);
  const header = Buffer.alloc(8);
  header[0] = stream;
  header.writeUInt32BE(body.length, 4);
  return Buffer.concat([header, body]);
};

describe('splitFrames', () => {
  it('splits stdout and stderr frames', () => {
    expect(splitFrames(Buffer.concat([frame(1, 'hello\n'), frame(2, 'oops\n')]), false).frames).toEqual([
      { stream: 'stdout', text: 'hello\n' },
      { stream: 'stderr', text: 'oops\n' },
    ]);
  });
  it('keeps an incomplete trailing frame for the next chunk', () => {
    const whole = Buffer.concat([frame(1, 'one\n'), frame(1, 'two\n')]);
    const first = splitFrames(whole.subarray(0, 15), false);
    expect(first.frames).toEqual([{ stream: 'stdout', text: 'one\n' }]);
    expect(splitFrames(Buffer.concat([first.rest, whole.subarray(15)]), false).frames).toEqual([{ stream: 'stdout', text: 'two\n' }]);
  });
  it('passes raw bytes through for a container with a TTY', () => {
    expect(splitFrames(Buffer.from('plain\n'), true).frames).toEqual([{ stream: 'stdout', text: 'plain\n' }]);
  });
});

describe('createLineAssembler', () => {
  it('gives whole lines across chunks and keeps an unfinished stdout line apart from stderr', () => {
    const lines = createLineAssembler(false);
    const whole = Buffer.concat([frame(1, 'par'), frame(2, 'err one\n'), frame(1, 'tial\nnext')]);
    expect(lines.push(whole.subarray(0, 12))).toEqual([]);
    expect(lines.push(whole.subarray(12))).toEqual([
      { stream: 'stderr', text: 'err one' },
      { stream: 'stdout', text: 'partial' },
    ]);
    expect(lines.flush()).toEqual([{ stream: 'stdout', text: 'next' }]);
    expect(lines.flush()).toEqual([]);
  });
  it('bounds what an unfinished line may hold', () => {
    const lines = createLineAssembler(true, 4);
    expect(lines.push(Buffer.from('abcdefgh'))).toEqual([]);
    expect(lines.push(Buffer.from('ij\n'))).toEqual([{ stream: 'stdout', text: 'efghij' }]);
  });
  it('reads a whole answer with its last unfinished line', () => {
    expect(logLines(Buffer.concat([frame(1, 'a\nb'), frame(2, 'c\n')]), false)).toEqual([
      { stream: 'stdout', text: 'a' },
      { stream: 'stderr', text: 'c' },
      { stream: 'stdout', text: 'b' },
    ]);
  });
});
