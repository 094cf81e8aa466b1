import { describe, expect, it } from 'vitest';
import { planChanges } from '../../../src/server/console/plan-changes.js';

const compose = (services: Record<string, unknown>, volumes: string[]): { path: string; content: string } => ({
  path: 'compose.yaml',
  content: JSON.stringify({ services, volumes: Object.fromEntries(volumes.map((name) => [name, {}])) }),
});

describe('planChanges', () => {
  it('sorts services into created, recreated, reloaded, removed and unchanged, and lists volumes no longer used', () => {
    const previous = [
      compose(
        {
          proxy: { image: 'nginx', volumes: ['./proxy/nginx.conf:/etc/nginx/nginx.conf:ro'] },
          app: { image: 'a:1' },
          old: { image: 'o' },
          same: { image: 's' },
        },
        ['app-data', 'old-data'],
      ),
      { path: 'proxy/nginx.conf', content: 'one' },
    ];
    const next = [
      compose(
        {
          proxy: { image: 'nginx', volumes: ['./proxy/nginx.conf:/etc/nginx/nginx.conf:ro'] },
          app: { image: 'a:2' },
          fresh: { image: 'f' },
          same: { image: 's' },
        },
        ['app-data', 'fresh-data'],
      ),
      { path: 'proxy/nginx.conf', content: 'two' },
    ];
    expect(planChanges(previous, next)).toEqual({
      created: ['fresh'],
      recreated: ['app'],
      reloaded: ['proxy'],
      removed: ['old'],
      unchanged: ['same'],
      unusedVolumes: ['old-data'],
    });
  });

  it('creates everything on a first deploy', () => {
    expect(planChanges(undefined, [compose({ b: {}, a: {} }, ['v'])])).toEqual({
      created: ['a', 'b'],
      recreated: [],
      reloaded: [],
      removed: [],
      unchanged: [],
      unusedVolumes: [],
    });
  });
});
