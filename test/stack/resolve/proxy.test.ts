import { describe, expect, it } from 'vitest';
import { proxyBearerSecret, resolveProxy, resolveProxySettings } from '../../../src/stack/resolve/proxy.js';
import type { StackRoute } from '../../../src/stack/types.js';
import { contextOf } from './support/context.js';

const route = (proxyAuth: boolean, bearer = false) => ({ proxyAuth, bearer }) as StackRoute;

describe('resolveProxy', () => {
  it('publishes HTTP and HTTPS on the bind address and mounts its configuration and the served certificate', () => {
    const addition = resolveProxy(contextOf({ proxy: { bind: '127.0.0.1', httpsPort: 8443 } }).manifest, new Map());
    expect(addition.hostPorts).toEqual([
      { hostIp: '127.0.0.1', host: 80, container: 80, protocol: 'tcp' },
      { hostIp: '127.0.0.1', host: 8443, container: 443, protocol: 'tcp' },
    ]);
    expect(addition.files.map((file) => file.target)).toEqual([
      '/etc/nginx/nginx.conf',
      '/etc/nginx/aistack',
      '/etc/nginx/tls/live',
      '/var/www/acme',
    ]);
    expect(addition.secrets).toEqual([]);
    expect(addition.secretUses).toEqual([]);
  });

  it('owns the htpasswd and session secrets when a route needs basic auth; the htpasswd file is read per request', () => {
    const addition = resolveProxy(contextOf({}).manifest, new Map([['app', route(true)]]));
    expect(addition.secrets).toEqual(['proxy-basic-auth', 'proxy-session-key', 'proxy-session-map', 'proxy-session-cookie']);
    expect(addition.secretUses.map((use) => [use.name, use.owner, use.reads])).toEqual([
      ['proxy-basic-auth', true, 'per-use'],
      ['proxy-session-key', true, 'at-start'],
      ['proxy-session-map', true, 'at-start'],
      ['proxy-session-cookie', true, 'at-start'],
    ]);
  });

  it('mounts the bearer-key map when a basic-auth route takes bearer keys, read with the configuration', () => {
    const addition = resolveProxy(contextOf({}).manifest, new Map([['api', route(true, true)]]));
    expect(addition.secrets).toContain(proxyBearerSecret('proxy-basic-auth'));
    expect(addition.secretUses[0]).toMatchObject({ name: 'proxy-basic-auth', reads: 'at-start', description: { bearer: true } });
  });

  it('fills in the default ports and bind address', () => {
    expect(resolveProxySettings(contextOf({}).manifest)).toEqual({ httpPort: 80, httpsPort: 443, bind: '0.0.0.0' });
  });

  it('routes the console on its subdomain (with the public port) and mounts the socket directory read-only', () => {
    const manifest = contextOf({ console: { route: true }, proxy: { httpsPort: 8443 } }).manifest;
    expect(resolveProxySettings(manifest).console).toEqual({
      host: 'console.ai.example.com',
      url: 'https://console.ai.example.com:8443/console',
    });
    expect(resolveProxy(manifest, new Map()).files.at(-1)).toEqual({ source: './.aistack/console', target: '/run/aistack-console' });
    expect(resolveProxySettings(contextOf({ console: { route: true, subdomain: 'admin' } }).manifest).console?.host).toBe(
      'admin.ai.example.com',
    );
    expect(resolveProxySettings(contextOf({ console: { route: false } }).manifest).console).toBeUndefined();
    expect(resolveProxy(contextOf({}).manifest, new Map()).files).toHaveLength(4);
  });
});
