import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCaddyRoutes } from '../../../src/check/model/caddy-routes.js';
import { parseCompose } from '../../../src/check/model/compose-model.js';
import { parseNginxRoutes } from '../../../src/check/model/nginx-routes.js';
import type { ProxyRoute } from '../../../src/check/model/proxy-route.js';
import { parseUpstream, routeServesHost, routeServesPath } from '../../../src/check/model/proxy-route.js';
import { proxyRoutesOf } from '../../../src/check/model/proxy-routes.js';
import { parseTraefikFileRoutes, parseTraefikLabelRoutes, parseTraefikRule } from '../../../src/check/model/traefik-routes.js';

const fixtures = path.join(import.meta.dirname, 'proxy-routes');
const read = (name: string): string => readFileSync(path.join(fixtures, name), 'utf8');
/** Routes without file and proxy, for compact expectations. */
const shape = (routes: readonly ProxyRoute[]): unknown[] =>
  routes.map(({ hosts, path: routePath, match, upstreams, listen, range }) => ({
    at: `${range.line}:${range.column}-${range.endLine}:${range.endColumn}`,
    hosts,
    path: routePath,
    match,
    upstreams: upstreams.map((upstream) => `${upstream.host}${upstream.port === undefined ? '' : `:${upstream.port}`}`),
    listen,
  }));

const CHAT = ['chat.example.com', 'www.chat.example.com'];

describe('parseNginxRoutes', () => {
  it('reads every location of every server of a whole nginx.conf, with upstream blocks and positions', () => {
    expect(shape(parseNginxRoutes('nginx/nginx.conf', read('nginx.conf')))).toEqual([
      { at: '14:14-14:15', hosts: CHAT, path: '/', match: 'prefix', upstreams: ['webui', '127.0.0.1:8080'], listen: [18080] },
      { at: '15:16-15:24', hosts: CHAT, path: '/healthz', match: 'exact', upstreams: [], listen: [18080] },
      {
        at: '16:17-16:22',
        hosts: CHAT,
        path: '/api/',
        match: 'prefix',
        upstreams: ['api_pool', '127.0.0.1:3000', '127.0.0.1:3001'],
        listen: [18080],
      },
      {
        at: '18:16-18:27',
        hosts: CHAT,
        path: '/api/admin/',
        match: 'prefix',
        upstreams: ['api_pool', '127.0.0.1:3000', '127.0.0.1:3001'],
        listen: [18080],
      },
      { at: '20:17-20:29', hosts: CHAT, path: '\\.(png|jpg)$', match: 'pattern', upstreams: [], listen: [18080] },
      {
        at: '26:14-26:19',
        hosts: ['example.org', '*.example.org', 'quoted.example.net'],
        path: '/docs',
        match: 'prefix',
        upstreams: [],
        listen: [18443],
      },
      { at: '28:3-28:9', hosts: [], path: '/', match: 'prefix', upstreams: [], listen: [18081] },
    ]);
  });

  it('reads a conf.d file whose servers are at the top level', () => {
    expect(shape(parseNginxRoutes('nginx/conf.d/site.conf', read('site.conf')))).toEqual([
      { at: '5:12-5:17', hosts: ['flows.example.com'], path: '/n8n/', match: 'prefix', upstreams: ['127.0.0.1:5678'], listen: [18082] },
      { at: '10:12-10:17', hosts: ['flows.example.com'], path: '/grpc', match: 'prefix', upstreams: ['127.0.0.1:50051'], listen: [18082] },
    ]);
  });

  it('takes a template server_name (${DOMAIN}) as every host and skips proxy_pass to a variable', () => {
    const text = 'server {\n  listen 80;\n  server_name ${DOMAIN};\n  location / { set $u http://app:80; proxy_pass $u; }\n}\n';
    expect(shape(parseNginxRoutes('default.conf.template', text))).toEqual([
      { at: '4:12-4:13', hosts: [], path: '/', match: 'prefix', upstreams: [], listen: [80] },
    ]);
  });

  it('does not throw on unbalanced braces or an empty file', () => {
    expect(shape(parseNginxRoutes('broken.conf', 'server { listen 80; location / { proxy_pass http://a:1;'))).toEqual([
      { at: '1:30-1:31', hosts: [], path: '/', match: 'prefix', upstreams: ['a:1'], listen: [80] },
    ]);
    expect(parseNginxRoutes('empty.conf', '')).toEqual([]);
  });
});

describe('parseCaddyRoutes', () => {
  it('reads site addresses, handle blocks, path and named matchers, and skips global options and snippets', () => {
    expect(shape(parseCaddyRoutes('Caddyfile', read('Caddyfile')))).toEqual([
      { at: '11:2-11:15', hosts: CHAT, path: '/', match: 'prefix', upstreams: ['webui:8080'], listen: [443] },
      { at: '13:3-13:16', hosts: CHAT, path: '/api/', match: 'prefix', upstreams: ['api:3000', 'api-2:3000'], listen: [443] },
      { at: '16:16-16:19', hosts: CHAT, path: '/ws', match: 'prefix', upstreams: ['realtime:9000'], listen: [443] },
      { at: '18:3-18:14', hosts: CHAT, path: '/static/', match: 'prefix', upstreams: [], listen: [443] },
      { at: '20:10-20:18', hosts: CHAT, path: '/healthz', match: 'exact', upstreams: [], listen: [443] },
      { at: '24:2-24:15', hosts: ['localhost'], path: '/', match: 'prefix', upstreams: ['grafana:3000'], listen: [8080] },
    ]);
  });

  it('takes a port-only address as every host', () => {
    expect(shape(parseCaddyRoutes('Caddyfile', ':80 {\n\treverse_proxy app:3000\n}\n'))).toEqual([
      { at: '2:2-2:15', hosts: [], path: '/', match: 'prefix', upstreams: ['app:3000'], listen: [80] },
    ]);
  });
});

describe('Traefik', () => {
  it('reads Host, Path and PathPrefix out of a rule', () => {
    expect(parseTraefikRule('Host(`a.example.com`, `b.example.com`) && (Path(`/x`) || PathPrefix(`/y/`))')).toEqual({
      hosts: ['a.example.com', 'b.example.com'],
      anyHost: false,
      paths: [
        { path: '/x', match: 'exact' },
        { path: '/y/', match: 'prefix' },
      ],
    });
    expect(parseTraefikRule('PathPrefix(`/api`)')).toEqual({ hosts: [], anyHost: true, paths: [{ path: '/api', match: 'prefix' }] });
  });

  it('reads routers and their services from a YAML and a TOML dynamic file', () => {
    expect(shape(parseTraefikFileRoutes('traefik/dynamic.yml', read('dynamic.yml')))).toEqual([
      { at: '4:14-4:57', hosts: ['chat.example.com'], path: '/', match: 'prefix', upstreams: ['webui:8080'], listen: [] },
      { at: '7:14-7:83', hosts: ['api.example.com'], path: '/v1/health', match: 'exact', upstreams: ['api:3000'], listen: [] },
      { at: '7:14-7:83', hosts: ['api.example.com'], path: '/v1/', match: 'prefix', upstreams: ['api:3000'], listen: [] },
    ]);
    expect(shape(parseTraefikFileRoutes('traefik/dynamic.toml', read('dynamic.toml')))).toEqual([
      { at: '2:11-2:36', hosts: ['flows.example.com'], path: '/', match: 'prefix', upstreams: ['n8n:5678'], listen: [] },
    ]);
  });

  it('reads router labels (map and list syntax) at the label, and skips traefik.enable=false', () => {
    const compose = parseCompose({
      file: 'compose.yaml',
      text:
        'services:\n  webui:\n    image: ghcr.io/open-webui/open-webui:v0.11.2\n    labels:\n      ' +
        'traefik.http.routers.chat.rule: Host(`chat.example.com`)\n      ' +
        'traefik.http.services.chat.loadbalancer.server.port: "8080"\n' +
        '  n8n:\n    image: n8nio/n8n:2.33.0\n    labels:\n      - traefik.http.routers.flows.rule=Host(`flows.example.com`) && PathPrefix(`/hooks`)\n' +
        '  off:\n    image: nginx:1.27\n    labels:\n      traefik.enable: "false"\n      traefik.http.routers.off.rule: Host(`off.example.com`)\n',
    });
    expect(shape(parseTraefikLabelRoutes(compose))).toEqual([
      { at: '5:39-5:63', hosts: ['chat.example.com'], path: '/', match: 'prefix', upstreams: ['webui:8080'], listen: [] },
      { at: '10:9-10:90', hosts: ['flows.example.com'], path: '/hooks', match: 'prefix', upstreams: ['n8n'], listen: [] },
    ]);
  });
});

describe('proxyRoutesOf', () => {
  it('finds the proxy by the config it mounts and the services routes reach by name, container_name and alias', () => {
    const compose = parseCompose({
      file: 'compose.yaml',
      text:
        'services:\n  edge:\n    image: ghcr.io/example/edge:1.0\n    volumes:\n      - ./nginx:/etc/nginx/conf.d:ro\n' +
        '  frontend:\n    image: nginx:1.27\n  chat:\n    image: ghcr.io/open-webui/open-webui:v0.11.2\n    container_name: webui\n' +
        '  api:\n    image: ghcr.io/example/api:1\n    networks:\n      default:\n        aliases: [backend]\n',
    });
    const text =
      'server {\n  server_name chat.example.com;\n  location / { proxy_pass http://webui:8080; }\n  location /api/ { ' +
      'proxy_pass http://backend:3000; }\n  location /app/ { proxy_pass http://frontend; }\n}\n';
    const routes = proxyRoutesOf({
      compose,
      facts: { now: '', portsInUse: [], fileModes: [], certificates: [], proxyConfigs: [{ file: 'nginx/app.conf', text }] },
    });
    expect(routes.proxyServices.map((service) => service.name)).toEqual(['edge']);
    expect([...routes.routedServices].sort()).toEqual(['api', 'chat', 'frontend']);
    expect(routes.serviceOf({ host: 'nowhere', port: 80 })).toBeUndefined();
  });

  it('parses upstreams and matches hosts and paths as the proxies do', () => {
    expect(parseUpstream('http://webui:8080/x')).toEqual({ host: 'webui', port: 8080 });
    expect(parseUpstream('[::1]:9000')).toEqual({ host: '::1', port: 9000 });
    expect(parseUpstream('$backend')).toBeUndefined();
    const route: ProxyRoute = {
      proxy: 'nginx',
      file: 'a.conf',
      range: { line: 1, column: 1, endLine: 1, endColumn: 1 },
      hosts: ['*.example.com'],
      path: '/api/',
      match: 'prefix',
      upstreams: [],
      listen: [],
    };
    expect(routeServesHost(route, 'chat.example.com')).toBe(true);
    expect(routeServesHost(route, 'example.org')).toBe(false);
    expect(routeServesPath(route, '/api/v1')).toBe(true);
    expect(routeServesPath(route, '/api')).toBe(true);
    expect(routeServesPath(route, '/apis')).toBe(false);
    expect(routeServesPath({ ...route, match: 'exact', path: '/healthz' }, '/healthz/x')).toBe(false);
  });
});
