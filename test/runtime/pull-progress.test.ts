import { describe, expect, it } from 'vitest';
import { createPullProgressRenderer, createPullTracker, formatPullLine } from '../../src/runtime/pull-progress.js';
import { formatBytes } from '../../src/util/format-bytes.js';

describe('pull progress', () => {
  it('sums layers and bytes over the Engine pull stream; layers already here count as done without bytes', () => {
    const tracker = createPullTracker('127.0.0.1:5000/mirror/redis:8');
    tracker.push({ status: 'Pulling from mirror/redis', id: '8' });
    tracker.push({ status: 'Already exists', id: 'aaa' });
    tracker.push({ status: 'Pulling fs layer', id: 'bbb' });
    tracker.push({ status: 'Pulling fs layer', id: 'ccc' });
    tracker.push({ status: 'Downloading', id: 'bbb', progressDetail: { current: 1024, total: 4096 } });
    expect(tracker.push({ status: 'Downloading', id: 'ccc', progressDetail: { current: 10, total: 100 } })).toEqual({
      reference: '127.0.0.1:5000/mirror/redis:8',
      phase: 'pulling',
      layers: { done: 1, total: 3 },
      bytes: { done: 1034, total: 4196 },
    });
    tracker.push({ status: 'Download complete', id: 'bbb' });
    tracker.push({ status: 'Pull complete', id: 'bbb' });
    expect(tracker.push({ status: 'Extracting', id: 'ccc', progressDetail: { current: 50, total: 100 } })).toMatchObject({
      layers: { done: 2, total: 3 },
      bytes: { done: 4196, total: 4196 },
    });
    tracker.push({ status: 'Digest: sha256:0123' });
    expect(tracker.finish('done')).toMatchObject({ phase: 'done', layers: { done: 3, total: 3 } });
  });

  it('formats a line the way `docker compose pull` reports an image', () => {
    expect(formatBytes(812 * 1024 * 1024)).toBe('812.0 MiB');
    expect(formatBytes(2.1 * 1024 ** 3)).toBe('2.1 GiB');
    expect(
      formatPullLine(
        {
          reference: 'ollama/ollama:0.32.15',
          phase: 'pulling',
          layers: { done: 3, total: 7 },
          bytes: { done: 812 * 1024 ** 2, total: 2.1 * 1024 ** 3 },
        },
        24,
      ),
    ).toBe('↓ ollama/ollama:0.32.15     pulling  3/7 layers  812.0 MiB / 2.1 GiB');
    expect(formatPullLine({ reference: 'x:1', phase: 'done', layers: { done: 2, total: 2 }, bytes: { done: 2048, total: 2048 } }, 3)).toBe(
      '✓ x:1  pulled  2/2 layers  2.0 KiB',
    );
  });

  it('off a terminal prints the start, the end, and a line at most every interval in between', () => {
    const lines: string[] = [];
    let clock = 0;
    const renderer = createPullProgressRenderer({ write: (text: string) => lines.push(text) } as unknown as NodeJS.WritableStream, {
      tty: false,
      intervalMs: 5000,
      now: () => clock,
    });
    const at = (done: number, phase: 'pulling' | 'done' = 'pulling') =>
      renderer.update({ reference: 'a:1', phase, layers: { done: phase === 'done' ? 1 : 0, total: 1 }, bytes: { done, total: 100 } });
    at(0);
    clock = 1000;
    at(10);
    clock = 6000;
    at(60);
    clock = 7000;
    at(100, 'done');
    renderer.finish();
    expect(lines).toEqual([
      '↓ a:1  pulling  0/1 layers  0 B / 100 B\n',
      '↓ a:1  pulling  0/1 layers  60 B / 100 B\n',
      '✓ a:1  pulled  1/1 layers  100 B\n',
    ]);
  });
});
