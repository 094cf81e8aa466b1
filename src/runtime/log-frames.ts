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
export function demultiplexLogs(buffer: Buffer, tty: boolean): LogFrame[] {
  return splitFrames(buffer, tty).frames;
}

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
