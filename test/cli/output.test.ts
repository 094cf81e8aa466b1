import { describe, expect, it } from 'vitest';
import { createOutput } from '../../src/cli/output.js';

function capture(mode: { json: boolean; quiet: boolean }) {
  const streams = { stdout: [] as string[], stderr: [] as string[] };
  const output = createOutput(mode, {
    stdout: { write: (text: string) => streams.stdout.push(text) },
    stderr: { write: (text: string) => streams.stderr.push(text) },
  });
  output.note('Revision 1: first deploy');
  output.info('Stack x is up.');
  output.data('SERVICE  STATE\n');
  output.event('up', { revision: 1 });
  return streams;
}

describe('command output modes', () => {
  it('human: notes on stderr, confirmations and data on stdout, no events', () => {
    expect(capture({ json: false, quiet: false })).toEqual({
      stdout: ['Stack x is up.\n', 'SERVICE  STATE\n'],
      stderr: ['Revision 1: first deploy\n'],
    });
  });

  it('--quiet: only the data asked for', () => {
    expect(capture({ json: false, quiet: true })).toEqual({ stdout: ['SERVICE  STATE\n'], stderr: [] });
  });

  it('--json: one JSON object per line on stdout, notes included; nothing for people', () => {
    expect(capture({ json: true, quiet: false })).toEqual({
      stdout: ['{"event":"note","text":"Revision 1: first deploy"}\n', '{"event":"up","revision":1}\n'],
      stderr: [],
    });
    expect(capture({ json: true, quiet: true }).stdout).toHaveLength(2);
  });
});
