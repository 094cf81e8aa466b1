import { describe, expect, it } from 'vitest';
import { parseLogBuffer, parseLogLine } from '../../src/monitor/log-source.js';

/** Docker's multiplexed frame: stream byte, three zero bytes, big-endian length, payload. */
const frame = (stream: 1 | 2, text: string): Buffer => {
  const payload = Buffer.from(text, 'utf8');
  const header = Buffer.alloc(8);
  header[0] = stream;
  header.writeUInt32BE(payload.length, 4);
  return Buffer.concat([header, payload]);
};

describe('parseLogBuffer', () => {
  it('splits multiplexed stdout and stderr into timestamped lines with levels', () => {
    const raw = Buffer.concat([
      frame(1, '2026-11-26T20:00:00.123456789Z {"level":30,"msg":"started"}\n'),
      frame(2, '2026-11-26T20:00:01.000000000Z ERROR: boom\n2026-11-26T20:00:02.5Z [warn] '),
      frame(2, 'slow\n'),
    ]);
    expect(parseLogBuffer(raw, 'web', false)).toEqual([
      { service: 'web', at: Date.parse('2026-11-26T20:00:00.123Z'), stream: 'stdout', level: 'info', text: '{"level":30,"msg":"started"}' },
      { service: 'web', at: Date.parse('2026-11-26T20:00:01.000Z'), stream: 'stderr', level: 'error', text: 'ERROR: boom' },
      { service: 'web', at: Date.parse('2026-11-26T20:00:02.500Z'), stream: 'stderr', level: 'warn', text: '[warn] slow' },
    ]);
  });

  it('reads a TTY container as raw stdout text', () => {
    expect(parseLogBuffer(Buffer.from('2026-11-26T20:00:00Z hello\r\n'), 'tty', true)).toEqual([
      { service: 'tty', at: Date.parse('2026-11-26T20:00:00Z'), stream: 'stdout', level: 'unknown', text: 'hello' },
    ]);
  });

  it('keeps a line without a timestamp, at time 0, and drops empty lines', () => {
    expect(parseLogLine('no stamp here', 'x', 'stdout')).toEqual({
      service: 'x',
      at: 0,
      stream: 'stdout',
      level: 'unknown',
      text: 'no stamp here',
    });
    expect(parseLogLine('', 'x', 'stdout')).toBeUndefined();
  });

  it('keeps markup as text: escaping is the consumer’s job', () => {
    expect(parseLogLine('2026-11-26T20:00:00Z <img src=x onerror=alert(1)>', 'x', 'stderr')?.text).toBe('<img src=x onerror=alert(1)>');
  });
});
