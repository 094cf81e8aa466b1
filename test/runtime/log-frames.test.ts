import { describe, expect, it } from 'vitest';
import { demultiplexLogs, splitFrames } from '../../src/runtime/log-frames.js';

const frame = (stream: 1 | 2, text: string): Buffer => {
  const body = Buffer.from(text);
  const header = Buffer.alloc(8);
  header[0] = stream;
  header.writeUInt32BE(body.length, 4);
  return Buffer.concat([header, body]);
};

describe('demultiplexLogs', () => {
  it('splits stdout and stderr frames', () => {
    expect(demultiplexLogs(Buffer.concat([frame(1, 'hello\n'), frame(2, 'oops\n')]), false)).toEqual([
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
    expect(demultiplexLogs(Buffer.from('plain\n'), true)).toEqual([{ stream: 'stdout', text: 'plain\n' }]);
  });
});
