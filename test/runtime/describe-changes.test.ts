import { describe, expect, it } from 'vitest';
import { describeChanges, hasSameFiles } from '../../src/runtime/describe-changes.js';

const compose = (services: Record<string, unknown>): { path: string; content: string } => ({
  path: 'compose.yaml',
  content: JSON.stringify({ services }),
});

describe('describeChanges', () => {
  it('says first deploy when nothing ran before', () => {
    expect(describeChanges(undefined, [compose({ a: {} })])).toBe('first deploy');
  });
  it('lists added, changed (with the keys) and removed services and other files', () => {
    const before = [compose({ app: { image: 'app:1' }, old: { image: 'x' } }), { path: 'STACK.md', content: 'a' }];
    const after = [compose({ app: { image: 'app:2' }, web: { image: 'nginx' } }), { path: 'STACK.md', content: 'b' }];
    expect(describeChanges(before, after)).toBe('~app (image); +web; -old; files: STACK.md');
  });
  it('says no changes for the same files', () => {
    const files = [compose({ a: { image: 'a' } })];
    expect(describeChanges(files, files)).toBe('no changes');
    expect(hasSameFiles(files, [compose({ a: { image: 'a' } })])).toBe(true);
    expect(hasSameFiles(files, [compose({ a: { image: 'b' } })])).toBe(false);
  });
});
