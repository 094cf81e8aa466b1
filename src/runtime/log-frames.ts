/** One piece of a container's log: which stream it came from and its text. */
export interface LogFrame {
  readonly stream: 'stdout' | 'stderr';
  readonly text: string;
}

/**
 * Split Docker's multiplexed log format (8-byte header: stream, 3 zero bytes, big-endian length)
 * into frames. A container with a TTY sends raw bytes instead. Returns the frames and, through
 * `rest`, an incomplete trailing frame for streaming callers.
 */
export function splitFrames(buffer: Buffer, tty: boolean): { frames: LogFrame[]; rest: Buffer } {
  if (tty) return { frames: buffer.length > 0 ? [{ stream: 'stdout', text: buffer.toString('utf8') }] : [], rest: Buffer.alloc(0) };
  const frames: LogFrame[] = [];
  let offset = 0;
  while (offset + 8 <= buffer.length) {
    const kind = buffer[offset];
    const length = buffer.readUInt32BE(offset + 4);
    if (offset + 8 + length > buffer.length) break;
    frames.push({ stream: kind === 2 ? 'stderr' : 'stdout', text: buffer.subarray(offset + 8, offset + 8 + length).toString('utf8') });
    offset += 8 + length;
  }
  return { frames, rest: buffer.subarray(offset) };
}

export interface LineAssembler {
  /** The whole lines (without their newline) that this chunk completes, in order. */
  push(chunk: Buffer): LogFrame[];
  /** What is left of an unfinished line on each stream, once the log has ended. */
  flush(): LogFrame[];
}

/**
 * Docker log chunks → whole lines, stdout and stderr kept apart (a line one stream has not
 * finished is never glued to the other's). `maxLine` bounds what an unfinished line may hold.
 */
export function createLineAssembler(tty: boolean, maxLine?: number): LineAssembler {
  let rest: Buffer = Buffer.alloc(0);
  const partial = { stdout: '', stderr: '' };
  return {
    push(chunk) {
      const split = splitFrames(rest.length > 0 ? Buffer.concat([rest, chunk]) : chunk, tty);
      rest = split.rest;
      const lines: LogFrame[] = [];
      for (const frame of split.frames) {
        const pieces = (partial[frame.stream] + frame.text).split('\n');
        const unfinished = pieces.pop() ?? '';
        partial[frame.stream] = maxLine === undefined ? unfinished : unfinished.slice(-maxLine);
        for (const text of pieces) lines.push({ stream: frame.stream, text });
      }
      return lines;
    },
    flush() {
      const lines = (['stdout', 'stderr'] as const)
        .filter((stream) => partial[stream] !== '')
        .map((stream) => ({ stream, text: partial[stream] }));
      partial.stdout = '';
      partial.stderr = '';
      return lines;
    },
  };
}

/** A whole (non-follow) log answer → its lines, the unfinished last ones included. */
export function logLines(raw: Buffer, tty: boolean): LogFrame[] {
  const assembler = createLineAssembler(tty);
  return [...assembler.push(raw), ...assembler.flush()];
}
