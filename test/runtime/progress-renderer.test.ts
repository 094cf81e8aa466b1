import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createProgressRenderer } from '../../src/runtime/progress-renderer.js';

describe('progress renderer', () => {
  it('prints one plain line per phase change when not on a terminal', () => {
    const stream = new PassThrough();
    let text = '';
    stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
    const renderer = createProgressRenderer(stream, { tty: false });
    renderer.update([
      { id: 'db', phase: 'waiting', job: false },
      { id: 'migrate', phase: 'waiting', job: true },
    ]);
    renderer.update([
      { id: 'db', phase: 'starting', job: false, startedAt: 0 },
      { id: 'migrate', phase: 'waiting', job: true },
    ]);
    renderer.update([
      { id: 'db', phase: 'starting', job: false, startedAt: 0, detail: 'starting' },
      { id: 'migrate', phase: 'waiting', job: true },
    ]);
    renderer.update([
      { id: 'db', phase: 'healthy', job: false, startedAt: 0, readyAt: 2300 },
      { id: 'migrate', phase: 'completed', job: true, startedAt: 2300, readyAt: 3400 },
    ]);
    renderer.finish();
    expect(text).toBe('… db       starting\n✓ db       healthy 2.3s\n✓ migrate  completed 1.1s\n');
  });
});
