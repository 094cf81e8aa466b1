import { describe, expect, it } from 'vitest';
import { resolveSocketProxy } from '../../../src/stack/resolve/socket-proxy.js';

describe('resolveSocketProxy', () => {
  it('mounts the rendered allowlist as the whole nginx configuration', () => {
    expect(resolveSocketProxy()).toEqual({
      service: 'docker-socket-proxy',
      secrets: [],
      files: [{ source: './docker-socket-proxy/nginx.conf', target: '/etc/nginx/nginx.conf' }],
      secretUses: [],
    });
  });
});
