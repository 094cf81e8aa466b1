import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseNginxRoutes } from '../../../src/check/model/nginx-routes.js';

// The route parser must read what nginx itself accepts: each fixture passes the real `nginx -t`
// (Debian's nginx), and the parser finds in it every location nginx would serve.
const fixtures = path.join(import.meta.dirname, '../../check/model/proxy-routes');
const work = mkdtempSync(path.join(tmpdir(), 'aischk-nginx-routes-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function nginxTest(config: string): { status: number | null; output: string } {
  const result = spawnSync('nginx', ['-t', '-c', config, '-p', work, '-e', 'stderr', '-g', `pid ${path.join(work, 'nginx.pid')};`], {
    encoding: 'utf8',
    timeout: 20_000,
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe('parseNginxRoutes agrees with nginx -t', () => {
  it('a whole nginx.conf: nginx accepts it and the parser reads its seven routes', () => {
    const config = path.join(fixtures, 'nginx.conf');
    expect(nginxTest(config).status).toBe(0);
    const routes = parseNginxRoutes('nginx.conf', readFileSync(config, 'utf8'));
    expect(routes.map((route) => `${route.hosts.join(',') || '*'} ${route.match} ${route.path} ${route.listen.join(',')}`)).toEqual([
      'chat.example.com,www.chat.example.com prefix / 18080',
      'chat.example.com,www.chat.example.com exact /healthz 18080',
      'chat.example.com,www.chat.example.com prefix /api/ 18080',
      'chat.example.com,www.chat.example.com prefix /api/admin/ 18080',
      'chat.example.com,www.chat.example.com pattern \\.(png|jpg)$ 18080',
      'example.org,*.example.org,quoted.example.net prefix /docs 18443',
      '* prefix / 18081',
    ]);
  });

  it('a conf.d file: nginx accepts it inside http {} and the parser reads its two routes', () => {
    const site = path.join(fixtures, 'site.conf');
    const wrapper = path.join(work, 'wrapper.conf');
    writeFileSync(wrapper, `events {}\nhttp {\n  include ${site};\n}\n`);
    expect(nginxTest(wrapper).status).toBe(0);
    const routes = parseNginxRoutes('site.conf', readFileSync(site, 'utf8'));
    expect(
      routes.map((route) => `${route.hosts.join(',')} ${route.path} ${route.upstreams.map((u) => `${u.host}:${u.port}`).join(',')}`),
    ).toEqual(['flows.example.com /n8n/ 127.0.0.1:5678', 'flows.example.com /grpc 127.0.0.1:50051']);
  });

  it('a duplicate location nginx rejects is read twice, at its two lines', () => {
    const config = path.join(work, 'duplicate.conf');
    writeFileSync(
      config,
      'events {}\nhttp {\n  server {\n    listen 18090;\n    location /a { return 200; }\n    location /a { return 204; }\n  }\n}\n',
    );
    const result = nginxTest(config);
    expect(result.status).not.toBe(0);
    expect(result.output).toContain('duplicate location "/a"');
    expect(parseNginxRoutes('duplicate.conf', readFileSync(config, 'utf8')).map((route) => `${route.range.line}:${route.path}`)).toEqual([
      '5:/a',
      '6:/a',
    ]);
  });
});
