import { spawnSync } from 'node:child_process';
import { lstat, mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listenConsoleSocket, trustSocketAndProxies } from '../../src/server/console-socket.js';
import type { ConsoleSocket } from '../../src/server/console-socket.js';

let root: string;
let app: FastifyInstance;
let port: number;
const opened: ConsoleSocket[] = [];

const forwarded = { 'x-forwarded-for': '203.0.113.7', 'x-forwarded-host': 'console.ai.example.test:8443', 'x-forwarded-proto': 'https' };

function ask(target: { socketPath: string } | { port: number }): Promise<{ ip: string | null; host: string; protocol: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request({ ...target, host: '127.0.0.1', path: '/who', headers: forwarded, agent: false }, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => resolve(JSON.parse(body) as { ip: string | null; host: string; protocol: string }));
    });
    request.on('error', reject);
    request.end();
  });
}

beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'aistack-console-socket-'));
  app = Fastify({ trustProxy: trustSocketAndProxies(false) });
  app.get('/who', (request) => ({ ip: request.ip ?? null, host: request.host, protocol: request.protocol }));
  await app.listen({ host: '127.0.0.1', port: 0 });
  port = (app.server.address() as net.AddressInfo).port;
});

afterEach(async () => {
  for (const socket of opened.splice(0)) await socket.close();
  await app.close();
  await rm(root, { recursive: true, force: true });
});

describe('the console socket (console.route)', () => {
  it("answers the app there, believing the proxy's X-Forwarded-* on the socket only", async () => {
    const file = path.join(root, 'console', 'console.sock');
    opened.push(await listenConsoleSocket(app, file));
    expect(await ask({ socketPath: file })).toEqual({ ip: '203.0.113.7', host: 'console.ai.example.test:8443', protocol: 'https' });
    // The loopback listener is not behind the proxy: the same headers are not believed there.
    expect(await ask({ port })).toEqual({ ip: '127.0.0.1', host: `127.0.0.1:${port}`, protocol: 'http' });
    // nginx's workers run as another user: the directory can be passed and the socket written.
    expect((await stat(path.dirname(file))).mode & 0o777).toBe(0o755);
    expect((await lstat(file)).mode & 0o777).toBe(0o666);
  });

  it('removes the socket when it closes, and replaces one a dead serve left behind', async () => {
    const file = path.join(root, 'console', 'console.sock');
    await mkdir(path.dirname(file));
    // A socket nobody answers on any more: its serve was killed (-9), so the file stayed.
    spawnSync(process.execPath, [
      '-e',
      `require('node:net').createServer().listen(${JSON.stringify(file)}, () => process.kill(process.pid, 'SIGKILL'))`,
    ]);
    expect((await lstat(file)).isSocket()).toBe(true);
    const socket = await listenConsoleSocket(app, file);
    expect((await ask({ socketPath: file })).protocol).toBe('https');
    await socket.close();
    await expect(lstat(file)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('refuses a socket another serve answers on, and a file that is not a socket', async () => {
    const file = path.join(root, 'console', 'console.sock');
    opened.push(await listenConsoleSocket(app, file));
    await expect(listenConsoleSocket(app, file)).rejects.toMatchObject({
      code: 'AIS_SERVER_LISTEN',
      message: `cannot listen on the console socket ${file}: another \`aistack serve\` answers on it`,
    });
    const plain = path.join(root, 'plain', 'console.sock');
    await mkdir(path.dirname(plain));
    await writeFile(plain, 'not a socket');
    await expect(listenConsoleSocket(app, plain)).rejects.toMatchObject({
      code: 'AIS_SERVER_LISTEN',
      message: `cannot listen on the console socket ${plain}: something else than a socket is there`,
    });
  });

  it('refuses a path longer than a unix socket takes, saying what to do', async () => {
    const file = path.join(root, 'x'.repeat(100), 'console.sock');
    await expect(listenConsoleSocket(app, file)).rejects.toMatchObject({
      code: 'AIS_SERVER_LISTEN',
      hint: expect.stringContaining('shorter path'),
    });
  });

  it('trusts TCP peers only when --trust-proxy names them', () => {
    const trust = trustSocketAndProxies(['10.0.0.0/8']);
    expect(trust(undefined, 0)).toBe(true);
    expect(trust('10.1.2.3', 0)).toBe(true);
    expect(trust('127.0.0.1', 0)).toBe(false);
    expect(trustSocketAndProxies(false)('10.1.2.3', 0)).toBe(false);
  });
});
