import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureSecrets } from '../../../src/secrets/ensure.js';
import { rotateSecret } from '../../../src/secrets/rotate.js';
import { secretFiles } from '../../../src/secrets/store.js';
import { stackFromYaml } from '../../render/proxy/support/stack.js';
import { freePort } from '../proxy/harness.js';

const stack = stackFromYaml(`
name: redisrotation
domain: ai.example.test
services:
  redis:
monitor:
  enabled: false
`);

let directory: string;
let port: number;
let child: ChildProcess;
const read = (name: string): Promise<string> => readFile(secretFiles(directory, name).value, 'utf8');

/** AUTH + PING over a plain socket: `PONG`, or the first word of Redis's error (WRONGPASS). */
async function ping(password: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    let reply = '';
    const timer = setTimeout(() => socket.destroy(), 3000);
    socket.on('connect', () => socket.write(`AUTH ${password}\r\nPING\r\n`));
    socket.on('data', (chunk: Buffer) => {
      reply += chunk.toString();
      const lines = reply.split('\r\n');
      if (lines.length >= 3) socket.end();
    });
    socket.on('error', () => {});
    socket.on('close', () => {
      clearTimeout(timer);
      const [auth, pong] = reply.split('\r\n');
      resolve(auth === '+OK' ? (pong ?? '').replace(/^\+/, '') : ((auth ?? 'closed').replace(/^-/, '').split(' ')[0] ?? 'error'));
    });
  });
}

beforeAll(async () => {
  directory = await mkdtemp(path.join(os.tmpdir(), 'aistack-redis-rotation-'));
  await ensureSecrets(directory, stack.secrets);
  port = await freePort();
  // The password goes in on stdin, the way the catalog's start script does it.
  child = spawn('redis-server', ['-'], { stdio: ['pipe', 'ignore', 'ignore'] });
  child.stdin?.end(`port ${port}\nbind 127.0.0.1\nsave ""\nrequirepass ${await read('redis-password')}\n`);
  const deadline = Date.now() + 10_000;
  while ((await ping(await read('redis-password'))) !== 'PONG') {
    if (Date.now() > deadline) throw new Error('redis did not start');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
});

afterAll(async () => {
  child?.kill('SIGTERM');
  await rm(directory, { recursive: true, force: true });
});

// A client of Redis that reads the password at start, beside Redis itself.
const withWorker = {
  ...stack,
  secrets: stack.secrets.map((secret) =>
    secret.name === 'redis-password'
      ? { ...secret, consumers: [...secret.consumers, { service: 'worker', owner: false, reads: 'at-start' as const }] }
      : secret,
  ),
};
const serverAddress = async (): Promise<{ host: string; port: number }> => ({ host: '127.0.0.1', port });

describe('rotating the Redis password against a real redis-server', () => {
  it('accepts both passwords while dependents restart, then only the new one', async () => {
    const before = await read('redis-password');
    let duringRestart: string[] = [];
    const result = await rotateSecret('redis-password', {
      stack: withWorker,
      secretsDirectory: directory,
      serverAddress,
      restart: async () => {
        duringRestart = [await ping(before), await ping(await read('redis-password'))];
      },
    });
    const after = await read('redis-password');
    expect(after).not.toBe(before);
    expect(result).toMatchObject({
      server: { service: 'redis', label: 'Redis', heldBoth: true },
      restarted: [{ service: 'worker' }],
      live: ['redis'],
      windowMs: 0,
    });
    expect(duringRestart).toEqual(['PONG', 'PONG']);
    expect(await ping(after)).toBe('PONG');
    expect(await ping(before)).toBe('WRONGPASS');
  });

  it('keeps both passwords valid when a dependent fails, and retires the old one when the rotation is finished', async () => {
    const before = await read('redis-password');
    const error = await rotateSecret('redis-password', {
      stack: withWorker,
      secretsDirectory: directory,
      serverAddress,
      restart: async () => {
        throw new Error('worker did not come back after the restart');
      },
    }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({
      code: 'AIS_SECRETS_ROTATION_INCOMPLETE',
      message:
        'rotating "redis-password" stopped at "restart worker": worker did not come back after the restart\n' +
        '  redis   accepts the new and the old value\n' +
        '  worker  restarted with the new value, not healthy',
    });
    const pending = await read('redis-password');
    expect(await ping(before)).toBe('PONG');
    expect(await ping(pending)).toBe('PONG');
    await rotateSecret('redis-password', { stack: withWorker, secretsDirectory: directory, serverAddress, restart: async () => {} });
    expect(await read('redis-password')).toBe(pending);
    expect(await ping(pending)).toBe('PONG');
    expect(await ping(before)).toBe('WRONGPASS');
  });
});
