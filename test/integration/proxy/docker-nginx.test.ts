import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderProxy } from '../../../src/render/proxy/render-proxy.js';
import { ensureSecrets } from '../../../src/secrets/ensure.js';
import { secretFiles } from '../../../src/secrets/store.js';
import { listTlsHosts } from '../../../src/tls/hosts.js';
import { resolveTlsFiles } from '../../../src/tls/layout.js';
import { ensureSelfSigned } from '../../../src/tls/self-signed.js';
import { ensureTestImage } from '../../support/images.js';
import { stackFromYaml } from '../../render/proxy/support/stack.js';

const run = promisify(execFile);
const docker = async (...args: string[]): Promise<string> => (await run('docker', args, { timeout: 120_000 })).stdout.trim();

const stack = stackFromYaml(`
name: dockerproxy
domain: ai.example.test
services:
  open-webui:
  adminer:
  qdrant:
monitor:
  enabled: false
`);

const suffix = randomBytes(4).toString('hex');
const network = `aistack-proxy-test-${suffix}`;
const containers: string[] = [];
let root: string;
let address: string;
let ca: string;
let password: string;

function get(
  host: string,
  requestPath: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const request = https.request(
      { host: address, port: 443, servername: host, path: requestPath, ca, headers: { host, ...headers }, agent: false, timeout: 10_000 },
      (response) => {
        let body = '';
        response.on('data', (chunk: Buffer) => (body += chunk.toString()));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
      },
    );
    request.on('error', reject);
    request.end();
  });
}

beforeAll(async () => {
  const [busybox, nginx] = [await ensureTestImage('busybox'), await ensureTestImage('nginx')];
  root = await mkdtemp(path.join(os.tmpdir(), 'aistack-docker-proxy-'));
  await chmod(root, 0o755);
  const tls = resolveTlsFiles(path.join(root, 'tls'));
  await ensureSelfSigned(tls, { stackName: stack.name, hosts: listTlsHosts(stack) });
  ca = await readFile(tls.caCertificate, 'utf8');
  const secrets = path.join(root, 'secrets');
  const proxySecrets = stack.secrets.filter((secret) => secret.consumers.some((consumer) => consumer.service === 'proxy'));
  await ensureSecrets(secrets, proxySecrets);
  password = await readFile(secretFiles(secrets, 'proxy-basic-auth').value, 'utf8');
  // The image is Debian's nginx (workers run as www-data, nginx 1.22 takes `listen … http2`); every path is the default.
  for (const file of renderProxy(stack, { user: 'www-data', http2: 'listen' })) {
    const target = path.join(root, file.path);
    await mkdir(path.dirname(target), { recursive: true, mode: 0o755 });
    await writeFile(target, file.content, { mode: 0o644 });
  }
  await mkdir(path.join(root, 'acme'), { mode: 0o755 });
  await copyFile(secretFiles(secrets, 'proxy-basic-auth').htpasswd, path.join(root, 'htpasswd'));
  await copyFile(secretFiles(secrets, 'proxy-basic-auth').bearer, path.join(root, 'bearer'));
  await docker('network', 'create', network);
  // Two services up, found by their compose names through Docker's DNS; qdrant is not running at all.
  for (const service of ['open-webui', 'adminer']) {
    const name = `aistack-proxy-test-${service}-${suffix}`;
    containers.push(name);
    await docker(
      'run',
      '-d',
      '--name',
      name,
      '--network',
      network,
      '--network-alias',
      service,
      busybox,
      'sh',
      '-c',
      `mkdir -p /www && echo hello-from-${service} > /www/index.html && exec httpd -f -p 8080 -h /www`,
    );
  }
  const proxyName = `aistack-proxy-test-nginx-${suffix}`;
  containers.push(proxyName);
  await docker(
    'run',
    '-d',
    '--name',
    proxyName,
    '--network',
    network,
    '-v',
    `${path.join(root, 'proxy/nginx.conf')}:/etc/nginx/nginx.conf:ro`,
    '-v',
    `${path.join(root, 'proxy')}:/etc/nginx/aistack:ro`,
    '-v',
    `${tls.directory}:/etc/nginx/tls:ro`,
    '-v',
    `${path.join(root, 'acme')}:/var/www/acme:ro`,
    '-v',
    `${path.join(root, 'htpasswd')}:/run/secrets/proxy-basic-auth:ro`,
    '-v',
    `${path.join(root, 'bearer')}:/run/secrets/proxy-basic-auth-bearer:ro`,
    // The session key and its nginx maps, as compose mounts them.
    ...proxySecrets
      .filter((secret) => secret.kind !== 'htpasswd')
      .flatMap((secret) => ['-v', `${secretFiles(secrets, secret.name).value}:/run/secrets/${secret.name}:ro`]),
    nginx,
  );
  address = await docker('inspect', '-f', `{{(index .NetworkSettings.Networks "${network}").IPAddress}}`, proxyName);
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      await get('chat.ai.example.test', '/');
      break;
    } catch (error: unknown) {
      if (Date.now() > deadline)
        throw new Error(`nginx did not answer: ${await docker('logs', proxyName).catch(() => '')} ${String(error)}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}, 600_000);

afterAll(async () => {
  for (const name of containers) await docker('rm', '-f', name).catch(() => undefined);
  await docker('network', 'rm', network).catch(() => undefined);
  if (root) await rm(root, { recursive: true, force: true });
});

describe('the rendered proxy in a container, upstreams through Docker DNS', () => {
  it('starts with a service missing and routes the others by name', async () => {
    const reply = await get('chat.ai.example.test', '/');
    expect(reply.status).toBe(200);
    expect(reply.body).toBe('hello-from-open-webui\n');
    expect(reply.headers['strict-transport-security']).toBe('max-age=63072000; includeSubDomains');
  });

  it('answers the stopped service with its 502 page', async () => {
    const reply = await get('qdrant.ai.example.test', '/');
    expect(reply.status).toBe(502);
    expect(reply.body).toContain('<code>qdrant</code>');
    expect(reply.headers['x-content-type-options']).toBe('nosniff');
  });

  it('checks the bcrypt ($2b$) htpasswd in the image', async () => {
    expect((await get('adminer.ai.example.test', '/')).status).toBe(401);
    const reply = await get('adminer.ai.example.test', '/', {
      authorization: `Basic ${Buffer.from(`admin:${password}`).toString('base64')}`,
    });
    expect(reply.status).toBe(200);
    expect(reply.body).toBe('hello-from-adminer\n');
  });
});
