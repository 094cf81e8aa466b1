import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { readAistackVersion } from '../../src/util/aistack-version.js';

describe('readAistackVersion', () => {
  it('is the version in package.json', async () => {
    const { version } = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(readAistackVersion()).toBe(version);
  });
});
