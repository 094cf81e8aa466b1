import { describe, expect, it } from 'vitest';
import { resolveRoutes } from '../../../src/stack/resolve/routes.js';
import { contextOf, thrown } from './support/context.js';

describe('resolveRoutes', () => {
  it('routes a catalog service on its subdomain, behind basic auth when asked even with a login of its own', () => {
    const route = resolveRoutes(contextOf({ services: { qdrant: { route: { auth: 'basic' } } } }), new Set(['qdrant'])).get('qdrant');
    expect(route).toMatchObject({ host: 'qdrant.ai.example.com', path: '/', url: 'https://qdrant.ai.example.com/', proxyAuth: true });
    expect(route?.htpasswdSecret).toBe('proxy-basic-auth');
  });

  it('puts a non-default HTTPS port into the URL and serves sub-paths on the bare domain', () => {
    const context = contextOf({ services: { n8n: { route: { path: '/n8n' } } }, proxy: { httpsPort: 8443 } });
    expect(resolveRoutes(context, new Set(['n8n'])).get('n8n')).toMatchObject({
      host: 'ai.example.com',
      path: '/n8n/',
      url: 'https://ai.example.com:8443/n8n/',
    });
  });

  it('routes a custom service with a port and skips one without', () => {
    const context = contextOf({
      custom: { app: { image: 'a:1', port: 3000, route: { auth: 'none' } }, portless: { image: 'b:1', route: {} } },
    });
    const routes = resolveRoutes(context, new Set());
    expect([...routes.keys()]).toEqual(['app']);
    expect(routes.get('app')).toMatchObject({ host: 'app.ai.example.com', upstreamPort: 3000, proxyAuth: false, uploadMaxMb: 10 });
  });

  it('leaves disabled routes out', () => {
    expect(resolveRoutes(contextOf({ services: { qdrant: { route: { disabled: true } } } }), new Set(['qdrant'])).size).toBe(0);
  });

  it('rejects two services on the same URL', () => {
    const context = contextOf({ services: { qdrant: {} }, custom: { app: { image: 'a:1', port: 80, route: { subdomain: 'qdrant' } } } });
    expect(thrown(() => resolveRoutes(context, new Set(['qdrant'])))).toEqual({
      code: 'AIS_STACK_ROUTE_CLASH',
      message: 'services "qdrant" and "app" both route to https://qdrant.ai.example.com/',
      file: 'aistack.yaml:custom.app.route',
    });
  });

  it("rejects a service on the console route's host, at the key that named it", () => {
    const custom = { app: { image: 'a:1', port: 80, route: { subdomain: 'console' } } };
    expect(thrown(() => resolveRoutes(contextOf({ custom, console: { route: true } }), new Set()))).toEqual({
      code: 'AIS_STACK_ROUTE_CLASH',
      message: 'the console route and service "app" both use console.ai.example.com',
      file: 'aistack.yaml:console.route',
    });
    const admin = { ...custom, admin: { image: 'b:1', port: 80, route: {} } };
    expect(
      thrown(() => resolveRoutes(contextOf({ custom: admin, console: { route: true, subdomain: 'admin' } }), new Set())),
    ).toMatchObject({
      message: 'the console route and service "admin" both use admin.ai.example.com',
      file: 'aistack.yaml:console.subdomain',
    });
    expect(resolveRoutes(contextOf({ custom, console: { route: true, subdomain: 'admin' } }), new Set()).size).toBe(1);
  });
});
