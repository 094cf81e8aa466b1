import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureAcmeCertificate } from '../../../src/tls/acme.js';
import { describeCertificate } from '../../../src/tls/certificate-info.js';
import { listAcmeHosts } from '../../../src/tls/hosts.js';
import { resolveTlsFiles } from '../../../src/tls/layout.js';
import { ensureSelfSigned } from '../../../src/tls/self-signed.js';
import { stackFromYaml } from '../../render/proxy/support/stack.js';
import { fetchHttp, freePort, startProxy } from '../proxy/harness.js';
import type { RunningProxy } from '../proxy/harness.js';

const stack = stackFromYaml(`
name: acmetest
domain: ai.example.test
tls:
  mode: acme
  email: ops@example.test
services:
  open-webui:
monitor:
  enabled: false
`);

let root: string;
let proxy: RunningProxy;
let pebbleCa: string;
let directoryUrl: string;
const children: ChildProcess[] = [];
const files = (): ReturnType<typeof resolveTlsFiles> => resolveTlsFiles(path.join(root, 'tls'));

async function waitForPort(port: number): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`port ${port} never opened`);
}

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'aistack-acme-'));
  // nginx's workers (nobody here) read the challenge files.
  await chmod(root, 0o755);
  // nginx serves the challenge directory aistack writes to, on the port pebble validates against.
  proxy = await startProxy(stack, new Map(), { acmeDirectory: files().acmeChallenges });
  // pebble's own HTTPS listener needs a certificate: a throwaway local CA for "localhost".
  const pebbleTls = resolveTlsFiles(path.join(root, 'pebble-tls'));
  await ensureSelfSigned(pebbleTls, { stackName: 'pebble', hosts: ['localhost'] });
  pebbleCa = await readFile(pebbleTls.caCertificate, 'utf8');
  const [listen, management, dns] = [await freePort(), await freePort(), await freePort()];
  const config = path.join(root, 'pebble.json');
  await writeFile(
    config,
    JSON.stringify({
      pebble: {
        listenAddress: `127.0.0.1:${listen}`,
        managementListenAddress: `127.0.0.1:${management}`,
        certificate: pebbleTls.fullchain,
        privateKey: pebbleTls.privateKey,
        httpPort: proxy.httpPort,
        tlsPort: 5001,
        ocspResponderURL: '',
        externalAccountBindingRequired: false,
      },
    }),
  );
  // Every name resolves to 127.0.0.1 (IPv4 only: nginx listens there).
  children.push(
    spawn(
      'pebble-challtestsrv',
      [
        '-defaultIPv4',
        '127.0.0.1',
        '-defaultIPv6',
        '',
        '-dns01',
        `127.0.0.1:${dns}`,
        '-http01',
        '',
        '-https01',
        '',
        '-tlsalpn01',
        '',
        '-management',
        `127.0.0.1:${await freePort()}`,
      ],
      { stdio: 'ignore' },
    ),
  );
  children.push(
    spawn('pebble', ['-config', config, '-dnsserver', `127.0.0.1:${dns}`], {
      stdio: 'ignore',
      env: { ...process.env, PEBBLE_VA_NOSLEEP: '1', PEBBLE_WFE_NONCEREJECT: '0' },
    }),
  );
  await waitForPort(listen);
  directoryUrl = `https://localhost:${listen}/dir`;
}, 120_000);

afterAll(async () => {
  for (const child of children) child.kill('SIGTERM');
  await proxy?.stop();
  await rm(root, { recursive: true, force: true });
});

const issue = (extra: { now?: Date; force?: boolean } = {}): ReturnType<typeof ensureAcmeCertificate> =>
  ensureAcmeCertificate({
    files: files(),
    secretsDirectory: path.join(root, 'secrets'),
    directoryUrl,
    email: 'ops@example.test',
    hosts: listAcmeHosts(stack),
    caCertificate: pebbleCa,
    ...extra,
  });

describe('ACME against pebble, http-01 answered by the rendered nginx', () => {
  it('issues a certificate for every host through a real http-01 challenge', async () => {
    const result = await issue();
    expect(result.issued).toBe('missing');
    const info = describeCertificate(new X509Certificate(await readFile(files().fullchain, 'utf8')));
    expect([...info.names].sort()).toEqual(['ai.example.test', 'chat.ai.example.test']);
    expect(info.issuer).toMatch(/Pebble/);
    expect(
      new X509Certificate(await readFile(files().fullchain, 'utf8')).checkPrivateKey(
        (await import('node:crypto')).createPrivateKey(await readFile(files().privateKey, 'utf8')),
      ),
    ).toBe(true);
    // The account key is kept as a secret; the challenge files are gone again.
    expect(await readFile(path.join(root, 'secrets', 'acme-account-key'), 'utf8')).toContain('PRIVATE KEY');
    expect((await fetchHttp(proxy, 'ai.example.test', '/.well-known/acme-challenge/none')).status).toBe(404);
  }, 60_000);

  it('keeps a certificate with more than 30 days left, and renews one with fewer', async () => {
    const first = new X509Certificate(await readFile(files().fullchain, 'utf8'));
    expect((await issue()).issued).toBeUndefined();
    const nearExpiry = new Date(new Date(first.validTo).getTime() - 29 * 86_400_000);
    const renewed = await issue({ now: nearExpiry });
    expect(renewed.issued).toBe('expiring');
    const second = new X509Certificate(await readFile(files().fullchain, 'utf8'));
    expect(second.serialNumber).not.toBe(first.serialNumber);
    expect((await issue({ force: true })).issued).toBe('forced');
  }, 90_000);
});
