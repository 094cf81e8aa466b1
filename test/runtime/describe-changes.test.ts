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

describe('describeChanges with mounted files', () => {
  const files = (url: string, conf: string) => [
    compose({ monitor: { volumes: ['./aistack.yaml:/project/aistack.yaml:ro'] }, proxy: { volumes: ['./proxy:/etc/nginx/aistack:ro'] } }),
    { path: 'proxy/web.conf', content: conf },
    { path: 'url', content: url },
  ];
  it('names a service whose compose definition is the same but whose mounted file or aistack.yaml settings changed', () => {
    const manifest = (url: string): string => `monitor:\n  notifiers:\n    - { url: ${url} }\n`;
    expect(describeChanges(files('a', 'x'), files('a', 'x'), { before: manifest('http://one'), after: manifest('http://two') })).toBe(
      '~monitor (aistack.yaml: monitor.notifiers[0].url)',
    );
    expect(describeChanges(files('a', 'x'), files('a', 'y'), { before: manifest('http://one'), after: manifest('http://one') })).toBe(
      '~proxy (proxy/web.conf); files: proxy/web.conf',
    );
  });
});
