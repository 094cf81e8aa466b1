import { describe, expect, it } from 'vitest';
import { listNewerTags, parseTagVersion, splitImageReference } from '../../src/upgrade/version.js';

describe('tag versions', () => {
  it('proposes only newer tags with the same prefix, suffix and precision, oldest first', () => {
    const tags = ['18.5', '18.6', '18.7', '18.10', '19.0', '18.7-alpine', '18', '18.7.1', 'latest', '19.0-rc1', 'v18.8'];
    expect(listNewerTags('18.6', tags)).toEqual(['18.7', '18.10', '19.0']);
    expect(listNewerTags('18.6-alpine', tags)).toEqual(['18.7-alpine']);
    expect(listNewerTags('v0.11.2', ['v0.11.3', '0.11.4', 'v0.12.0', 'v0.11.2-cuda'])).toEqual(['v0.11.3', 'v0.12.0']);
  });

  it('ignores build hashes in date-commit tags and reads no version in a word tag', () => {
    expect(listNewerTags('2026.3.25-541c6c3cb', ['2026.3.24-aaaaaaa', '2026.4.1-0123abcd', '2026.4.1'])).toEqual(['2026.4.1-0123abcd']);
    expect(parseTagVersion('2026.01.27-sha-6aa59ff')).toMatchObject({ numbers: [2026, 1, 27], suffix: '', volatile: true });
    expect(parseTagVersion('main-slim')).toBeUndefined();
    expect(listNewerTags('rocm', ['rocm', '0.33.0'])).toEqual([]);
  });

  it('splits a reference at the tag, not at a registry port', () => {
    expect(splitImageReference('127.0.0.1:5000/team/app:2.0.1')).toEqual({ repository: '127.0.0.1:5000/team/app', tag: '2.0.1' });
    expect(splitImageReference('127.0.0.1:5000/team/app')).toEqual({ repository: '127.0.0.1:5000/team/app', tag: 'latest' });
    expect(splitImageReference('postgres:18.6@sha256:abc')).toEqual({ repository: 'postgres', tag: '18.6' });
  });
});
