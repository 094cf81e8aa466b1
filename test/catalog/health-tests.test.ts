import { execFile } from 'node:child_process';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createBashHttpTest,
  createBashTcpTest,
  createCurlTest,
  createNodeHttpTest,
  createNodeTcpTest,
  createPythonHttpTest,
  createWgetTest,
  healthTestBinary,
} from '../../src/catalog/health-tests.js';

/**
 * The health tests run for real against a local HTTP server: the command Docker would run,
 * minus the `CMD` marker, with the same arguments. BusyBox wget is the one in n8n, Dify web,
 * nginx and the socket proxy (Alpine), GNU wget the Debian one.
 */
let server: Server;
let port: number;
let closedPort: number;

function run(test: readonly string[], replaceProgram?: readonly string[]): Promise<number> {
  const [, program, ...rest] = test;
  const command = replaceProgram ? [...replaceProgram, ...rest] : [program ?? '', ...rest];
  return new Promise((resolve) => {
    execFile(command[0] ?? '', command.slice(1), { timeout: 10_000 }, (error) => {
      resolve(error ? (typeof error.code === 'number' ? error.code : 1) : 0);
    });
  });
}

beforeAll(async () => {
  server = createServer((request, response) => {
    if (request.url === '/ok') response.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    else if (request.url === '/moved') response.writeHead(302, { location: '/ok' }).end();
    else response.writeHead(503).end('down');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  // A port that was free a moment ago: nothing listens there.
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  closedPort = (probe.address() as AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('health tests', () => {
  const cases: readonly [string, (port: number, path: string) => readonly string[], (readonly string[])?][] = [
    ['bash /dev/tcp', createBashHttpTest],
    ['GNU wget', createWgetTest],
    ['BusyBox wget', createWgetTest, ['busybox', 'wget']],
    ['curl', createCurlTest],
    ['python urllib', createPythonHttpTest],
    ['node fetch', createNodeHttpTest],
  ];

  for (const [name, create, replace] of cases) {
    it(`${name} passes on 200`, async () => {
      expect(await run(create(port, '/ok'), replace)).toBe(0);
    });
    it(`${name} fails on 503`, async () => {
      expect(await run(create(port, '/down'), replace)).not.toBe(0);
    });
    it(`${name} fails when nothing listens`, async () => {
      expect(await run(create(closedPort, '/ok'), replace)).not.toBe(0);
    });
  }

  it('bash and node TCP checks pass on an open port and fail on a closed one', async () => {
    expect(await run(createBashTcpTest(port))).toBe(0);
    expect(await run(createBashTcpTest(closedPort))).not.toBe(0);
    expect(await run(createNodeTcpTest(port))).toBe(0);
    expect(await run(createNodeTcpTest(closedPort))).not.toBe(0);
  });

  it('wget follows a redirect to a healthy page', async () => {
    expect(await run(createWgetTest(port, '/moved'), ['busybox', 'wget'])).toBe(0);
  });

  it('names the program a test runs', () => {
    expect(healthTestBinary(['CMD', 'pg_isready', '-U', 'postgres'])).toBe('pg_isready');
    expect(healthTestBinary(['CMD', '/usr/bin/wget', '-q'])).toBe('wget');
    expect(healthTestBinary(['CMD-SHELL', 'redis-cli ping'])).toBe('sh');
    expect(healthTestBinary([])).toBeUndefined();
  });
});
