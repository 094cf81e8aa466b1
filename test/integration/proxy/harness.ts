import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { chmod, copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ensureSecrets } from '../../../src/secrets/ensure.js';
import { secretFiles } from '../../../src/secrets/store.js';
import { renderProxy } from '../../../src/render/proxy/render-proxy.js';
import type { ProxyRenderOptions } from '../../../src/render/proxy/options.js';
import type { Stack } from '../../../src/stack/types.js';
import { resolveTlsFiles } from '../../../src/tls/layout.js';
import { ensureSelfSigned } from '../../../src/tls/self-signed.js';
import { listTlsHosts } from '../../../src/tls/hosts.js';

import { freePort } from '../../support/processes.js';

export { freePort };

export interface RunningProxy {
  readonly root: string;
  readonly httpPort: number;
  readonly httpsPort: number;
  /** The loopback health server (the container's health check). */
  readonly healthPort: number;
  readonly ca: string;
  /** The basic-auth password (kept in memory only, never printed). */
  readonly password: string;
  readonly testOutput: string;
  readonly log: () => string;
  stop(): Promise<void>;
}

/**
 * Render the stack's proxy config with host paths, create its secrets and certificate, and run
 * the Debian nginx on loopback ports in front of `upstreams` (service id → loopback port).
 */
export async function startProxy(
  stack: Stack,
  upstreams: ReadonlyMap<string, number>,
  overrides: Partial<ProxyRenderOptions> = {},
): Promise<RunningProxy> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'aistack-proxy-'));
  // nginx's workers run as nobody here: they must reach the error pages and the htpasswd hash.
  await chmod(root, 0o755);
  // A stack that asks for a non-default HTTPS port gets exactly that port (its URLs carry it).
  const httpsPort = stack.proxy.httpsPort === 443 ? await freePort() : stack.proxy.httpsPort;
  const [httpPort, healthPort] = [await freePort(), await freePort()];
  const conf = path.join(root, 'conf');
  const mounted = path.join(root, 'run-secrets');
  const tls = resolveTlsFiles(path.join(root, 'tls'));
  const secretsDirectory = path.join(root, 'secrets');
  await mkdir(mounted, { recursive: true, mode: 0o755 });
  await mkdir(path.join(root, 'prefix', 'logs'), { recursive: true });
  await mkdir(path.join(root, 'acme'), { recursive: true });
  await ensureSelfSigned(tls, { stackName: stack.name, hosts: listTlsHosts(stack) });
  const proxySecrets = stack.secrets.filter((secret) => secret.consumers.some((consumer) => consumer.service === 'proxy'));
  await ensureSecrets(secretsDirectory, proxySecrets);
  // What compose mounts for the other proxy secrets (the session maps): the file as /run/secrets/<name>.
  for (const secret of proxySecrets.filter((entry) => entry.derive !== undefined)) {
    await copyFile(secretFiles(secretsDirectory, secret.name).value, path.join(mounted, secret.name));
  }
  // What compose mounts: the hash file as /run/secrets/<name>, the bearer map as <name>-bearer.
  for (const secret of stack.secrets.filter((entry) => entry.kind === 'htpasswd')) {
    const files = secretFiles(secretsDirectory, secret.name);
    await copyFile(files.htpasswd, path.join(mounted, secret.name));
    await chmod(path.join(mounted, secret.name), 0o644);
    await copyFile(files.bearer, path.join(mounted, `${secret.name}-bearer`));
  }
  const password = await readFile(secretFiles(secretsDirectory, 'proxy-basic-auth').value, 'utf8').catch(() => '');
  const options: Partial<ProxyRenderOptions> = {
    resolver: undefined,
    configDirectory: conf,
    certificateFile: tls.fullchain,
    keyFile: tls.privateKey,
    trustedCertificateFile: tls.chain,
    secretsDirectory: mounted,
    acmeDirectory: path.join(root, 'acme'),
    httpListen: `127.0.0.1:${httpPort}`,
    httpsListen: `127.0.0.1:${httpsPort}`,
    healthListen: `127.0.0.1:${healthPort}`,
    publicHttpsPort: httpsPort,
    http2: nginxVersionAtLeast(1, 25, 1) ? 'directive' : 'listen',
    user: undefined,
    accessLog: path.join(root, 'access.log'),
    upstreamAddress: (service) => `127.0.0.1:${upstreams.get(service) ?? 9}`,
    ...overrides,
  };
  for (const file of renderProxy(stack, options)) {
    const target = path.join(conf, file.path.replace(/^proxy\//, ''));
    await mkdir(path.dirname(target), { recursive: true, mode: 0o755 });
    await writeFile(target, file.content, { mode: 0o644 });
  }
  const args = ['-c', path.join(conf, 'nginx.conf'), '-p', path.join(root, 'prefix'), '-e', 'stderr'];
  const pid = `pid ${path.join(root, 'nginx.pid')};`;
  const test = spawnSync('nginx', [...args, '-t', '-g', pid], { encoding: 'utf8', timeout: 20_000 });
  const testOutput = `${test.stdout}${test.stderr}`;
  if (test.status !== 0) {
    await rm(root, { recursive: true, force: true });
    throw new Error(`nginx -t failed:\n${testOutput}`);
  }
  let output = '';
  const child: ChildProcess = spawn('nginx', [...args, '-g', `daemon off; ${pid}`], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await waitForPort(httpsPort, 10_000);
  return {
    root,
    httpPort,
    httpsPort,
    healthPort,
    ca: await readFile(tls.caCertificate, 'utf8'),
    password,
    testOutput,
    log: () => output,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGQUIT');
        await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      await rm(root, { recursive: true, force: true });
    },
  };
}

function nginxVersionAtLeast(major: number, minor: number, patch: number): boolean {
  const version = /nginx\/(\d+)\.(\d+)\.(\d+)/.exec(spawnSync('nginx', ['-v'], { encoding: 'utf8' }).stderr);
  if (!version) return false;
  const [a, b, c] = [Number(version[1]), Number(version[2]), Number(version[3])];
  return a !== major ? a > major : b !== minor ? b > minor : c >= patch;
}

async function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
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
  throw new Error(`nothing listens on 127.0.0.1:${port} after ${timeoutMs} ms`);
}

export interface Reply {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  /** Header lines as received (name, value, name, value …): duplicates are not merged here. */
  readonly rawHeaders: readonly string[];
  readonly body: string;
}

/**
 * One HTTPS request to the proxy as `host` would be reached, trusting only the stack's CA.
 * `from` picks the client's loopback address (127.0.0.2 …), so tests can be separate clients.
 */
export function fetchVia(
  proxy: RunningProxy,
  host: string,
  requestPath: string,
  headers: Record<string, string> = {},
  from?: string,
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const request = https.request(
      {
        host: '127.0.0.1',
        ...(from ? { localAddress: from } : {}),
        port: proxy.httpsPort,
        servername: host,
        path: requestPath,
        ca: proxy.ca,
        headers: { host, ...headers },
        agent: false,
        timeout: 10_000,
      },
      (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, rawHeaders: response.rawHeaders, body }),
        );
      },
    );
    request.on('error', reject);
    request.on('timeout', () => request.destroy(new Error('timed out')));
    request.end();
  });
}

export function fetchHttp(proxy: RunningProxy, host: string, requestPath: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: '127.0.0.1', port: proxy.httpPort, path: requestPath, headers: { host }, agent: false, timeout: 10_000 },
      (response) => {
        let body = '';
        response.on('data', (chunk: Buffer) => (body += chunk.toString()));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, rawHeaders: response.rawHeaders, body }),
        );
      },
    );
    request.on('error', reject);
    request.end();
  });
}
