import { execFile, spawn } from 'node:child_process';
import { randomBytes, X509Certificate } from 'node:crypto';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMonitorEngine } from '../../../src/monitor/create-monitor-engine.js';
import { loadProject } from '../../../src/project/load.js';
import type { Project } from '../../../src/project/load.js';
import { renderProxy } from '../../../src/render/proxy/render-proxy.js';
import { resolveTlsFiles } from '../../../src/tls/layout.js';
import { prepareSecurity } from '../../../src/tls/prepare-security.js';
import { reloadProxy } from '../../../src/tls/reload-proxy.js';
import { OWNER_LABEL, readStackOwner } from '../../../src/runtime/stack-owner.js';
import { createRenewalScheduler } from '../../../src/tls/renewal-scheduler.js';
import { emptyStack } from '../../monitor/support/stack.js';
import { ensureTestImage } from '../../support/images.js';

/**
 * A running proxy (the rendered nginx config in the Debian nginx stand-in, labelled as the stack's
 * `proxy` service) gets a new certificate from `aistack tls renew --force` and from serve's
 * renewal schedule; a request loop runs through every reload.
 */
const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../../..');
const cli = path.join(root, 'dist/cli/main.js');
const stackName = `aismon-tls-${randomBytes(3).toString('hex')}`;
const host = 'chat.ai.example.test';
const network = `${stackName}_edge`;
const containers: string[] = [];
let directory: string;
let project: Project;
let port: number;
let ca: string;

function aistack(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, '-C', directory, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

/** The SHA-256 fingerprint the proxy serves for `host`, as `openssl s_client` sees it. */
async function servedFingerprint(): Promise<string> {
  const { stdout } = await run(
    'sh',
    [
      '-c',
      `openssl s_client -connect 127.0.0.1:${port} -servername ${host} </dev/null 2>/dev/null | openssl x509 -noout -fingerprint -sha256`,
    ],
    { timeout: 10_000 },
  );
  return stdout.trim().replace(/^sha256 Fingerprint=/i, '');
}

function fileFingerprint(pem: string): string {
  return new X509Certificate(pem).fingerprint256;
}

async function onDisk(): Promise<string> {
  return fileFingerprint(await readFile(resolveTlsFiles(project.paths.tls).fullchain, 'utf8'));
}

/**
 * HTTPS requests one after another until stopped; every one must answer 200 from the upstream.
 * Paced under the rendered rate limit (20 r/s per client, burst 100): a faster loop that runs for
 * longer than the burst lasts is answered 429 by design, which says nothing about the reload.
 */
const REQUEST_INTERVAL_MS = 75;

function requestLoop(): { stop(): Promise<{ ok: number; failed: string[] }> } {
  let running = true;
  let ok = 0;
  const failed: string[] = [];
  const once = (): Promise<void> =>
    new Promise((resolve) => {
      const request = https.request(
        { host: '127.0.0.1', port, servername: host, path: '/', headers: { host }, ca, agent: false, timeout: 10_000 },
        (response) => {
          let body = '';
          response.on('data', (chunk: Buffer) => (body += chunk.toString()));
          response.on('end', () => {
            if (response.statusCode === 200 && body === 'hello-from-open-webui\n') ok += 1;
            else failed.push(`HTTP ${response.statusCode}: ${body.slice(0, 80)}`);
            resolve();
          });
        },
      );
      request.on('timeout', () => request.destroy(new Error('timed out')));
      request.on('error', (error) => {
        failed.push(error.message);
        resolve();
      });
      request.end();
    });
  const loop = (async () => {
    while (running) {
      await once();
      await new Promise((resolve) => setTimeout(resolve, REQUEST_INTERVAL_MS));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return { ok, failed };
    },
  };
}

beforeAll(async () => {
  const [busybox, nginx] = [await ensureTestImage('busybox'), await ensureTestImage('nginx')];
  directory = await mkdtemp(path.join(os.tmpdir(), 'aistack-tls-reload-'));
  // nginx's workers (www-data) read the error pages under proxy/.
  await chmod(directory, 0o755);
  await writeFile(
    path.join(directory, 'aistack.yaml'),
    `name: ${stackName}\ndomain: ai.example.test\nservices:\n  open-webui: {}\nmonitor:\n  enabled: false\n`,
  );
  project = await loadProject(directory);
  await prepareSecurity(project.stack, project.paths);
  ca = await readFile(resolveTlsFiles(project.paths.tls).caCertificate, 'utf8');
  // Debian's nginx 1.22 (workers run as www-data, `listen … http2`); the mounts are compose's.
  for (const file of renderProxy(project.stack, { user: 'www-data', http2: 'listen' })) {
    const target = path.join(directory, file.path);
    await mkdir(path.dirname(target), { recursive: true, mode: 0o755 });
    await writeFile(target, file.content, { mode: 0o644 });
  }
  await mkdir(resolveTlsFiles(project.paths.tls).acmeChallenges, { recursive: true, mode: 0o755 });
  // Labelled as `up` labels what it makes, so the commands below accept this stack as this folder's.
  const owner = `${OWNER_LABEL}=${(await readStackOwner(project.paths)).id}`;
  await run('docker', ['network', 'create', '--label', `com.docker.compose.project=${stackName}`, '--label', owner, network]);
  const upstream = `${stackName}-open-webui-1`;
  containers.push(upstream);
  await run('docker', [
    'run',
    '-d',
    '--name',
    upstream,
    '--network',
    network,
    '--network-alias',
    'open-webui',
    busybox,
    'sh',
    '-c',
    'mkdir -p /www && echo hello-from-open-webui > /www/index.html && exec httpd -f -p 8080 -h /www',
  ]);
  const proxy = `${stackName}-proxy-1`;
  containers.push(proxy);
  const secrets = project.stack.services.find((service) => service.id === 'proxy')!.secrets;
  await run('docker', [
    'run',
    '-d',
    '--name',
    proxy,
    '--label',
    `com.docker.compose.project=${stackName}`,
    '--label',
    'com.docker.compose.service=proxy',
    '--label',
    owner,
    '--network',
    network,
    '-p',
    '127.0.0.1::443',
    '-v',
    `${path.join(directory, 'proxy/nginx.conf')}:/etc/nginx/nginx.conf:ro`,
    '-v',
    `${path.join(directory, 'proxy')}:/etc/nginx/aistack:ro`,
    '-v',
    `${path.join(project.paths.tls, 'live')}:/etc/nginx/tls/live:ro`,
    '-v',
    `${resolveTlsFiles(project.paths.tls).acmeChallenges}:/var/www/acme:ro`,
    // The files compose mounts for them (the htpasswd hash, the bearer map).
    ...secrets.flatMap((secret) => [
      '-v',
      path.join(project.paths.secrets, secret.endsWith('-bearer') ? `${secret.replace(/-bearer$/, '')}.bearer` : `${secret}.htpasswd`) +
        `:/run/secrets/${secret}:ro`,
    ]),
    nginx,
  ]);
  port = Number((await run('docker', ['port', proxy, '443/tcp'])).stdout.trim().split(':').at(-1));
  const deadline = Date.now() + 30_000;
  for (;;) {
    const loop = requestLoop();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const { ok } = await loop.stop();
    if (ok > 0) break;
    if (Date.now() > deadline) throw new Error(`the proxy did not answer: ${(await run('docker', ['logs', proxy])).stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}, 600_000);

afterAll(async () => {
  for (const name of containers) await run('docker', ['rm', '-f', '-v', name]).catch(() => undefined);
  await run('docker', ['network', 'rm', network]).catch(() => undefined);
  if (directory) await rm(directory, { recursive: true, force: true });
});

describe('certificate renewal reaches the running proxy', () => {
  it('tls renew --force: the proxy serves the new certificate when the command returns, and no request fails through the reload', async () => {
    const before = await servedFingerprint();
    expect(before).toBe(await onDisk());
    const loop = requestLoop();
    const renew = await aistack('tls', 'renew', '--force');
    expect(renew.stderr).toBe('');
    expect(renew.code).toBe(0);
    expect(renew.stdout).toContain(`proxy reloaded (nginx -t passed): ${stackName}-proxy-1`);
    const after = await onDisk();
    expect(after).not.toBe(before);
    // Served when the command returns: it waits for nginx's new workers, not only for the signal.
    expect(await servedFingerprint()).toBe(after);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const { ok, failed } = await loop.stop();
    expect(failed).toEqual([]);
    expect(ok).toBeGreaterThan(5);
  }, 60_000);

  it('a config that fails nginx -t is not reloaded: the old certificate keeps serving, the error says why, and tls reload finishes the job', async () => {
    const snippet = path.join(directory, 'proxy/snippets/security-headers.conf');
    const good = await readFile(snippet, 'utf8');
    const served = await servedFingerprint();
    const loop = requestLoop();
    try {
      await writeFile(snippet, `${good}this_is_not_a_directive on;\n`);
      const renew = await aistack('tls', 'renew', '--force');
      expect(renew.code).toBe(1);
      expect(renew.stderr).toContain(`AIS_TLS_PROXY_CONFIG_INVALID nginx -t failed in ${stackName}-proxy-1, so it was not reloaded`);
      expect(renew.stderr).toContain('unknown directive "this_is_not_a_directive"');
      expect(renew.stderr).toContain('`aistack tls reload`');
      expect(await onDisk()).not.toBe(served);
      expect(await servedFingerprint()).toBe(served);
    } finally {
      await writeFile(snippet, good);
    }
    const reload = await aistack('tls', 'reload');
    expect(reload.code).toBe(0);
    expect(await servedFingerprint()).toBe(await onDisk());
    const { failed } = await loop.stop();
    expect(failed).toEqual([]);
  }, 60_000);

  it("serve's renewal schedule renews a certificate under 30 days before a person does, reloads the proxy, and alerts when the reload fails", async () => {
    const docker = new Docker();
    const paths = { directory: project.paths.directory, tls: project.paths.tls, secrets: project.paths.secrets };
    // 370 days on: the 397-day leaf has 27 days left.
    const later = Date.now() + 370 * 86_400_000;
    const scheduler = createRenewalScheduler({
      stack: project.stack,
      paths,
      reload: () => reloadProxy({ docker, project: stackName }),
      now: () => later,
    });
    expect(await scheduler.enabled()).toMatchObject({ enabled: true });
    const served = await servedFingerprint();
    const result = await scheduler.runNow();
    expect(result.problem).toBeUndefined();
    expect(result.summary).toBe(
      `issued a certificate (expiring) for *.ai.example.test, ai.example.test, chat.ai.example.test; reloaded ${stackName}-proxy-1`,
    );
    const renewed = await onDisk();
    expect(renewed).not.toBe(served);
    expect(await servedFingerprint()).toBe(renewed);
    // Current now: the next run leaves it alone.
    expect((await scheduler.runNow()).summary).toBe('certificate is current');

    // A broken config: the renewal's reload fails, the certificate-renewal alert fires.
    const snippet = path.join(directory, 'proxy/snippets/security-headers.conf');
    const good = await readFile(snippet, 'utf8');
    const failing = createRenewalScheduler({
      stack: project.stack,
      paths,
      reload: () => reloadProxy({ docker, project: stackName }),
      now: () => later + 370 * 86_400_000,
    });
    const engine = createMonitorEngine({
      stack: emptyStack(),
      monitors: [],
      databasePath: path.join(directory, 'monitor.db'),
      composeProject: stackName,
      notifiers: [],
      renewalProblem: () => failing.problem(),
    });
    try {
      await writeFile(snippet, `${good}this_is_not_a_directive on;\n`);
      const broken = await failing.runNow();
      expect(broken.problem).toMatch(
        new RegExp(
          `^certificate renewal failed: AIS_TLS_PROXY_CONFIG_INVALID nginx -t failed in ${stackName}-proxy-1, so it was not reloaded`,
        ),
      );
      await engine.evaluateAlerts();
      expect(engine.alerts('firing').map((alert) => [alert.key, alert.severity])).toEqual([['certificate-renewal:proxy', 'warning']]);
      expect(await servedFingerprint()).toBe(renewed);
    } finally {
      await writeFile(snippet, good);
      await engine.stop();
    }
  }, 90_000);

  it('a reload counts once nginx runs new workers, not when the signal is sent; a master that never reloads is an error', async () => {
    const docker = new Docker();
    const proxy = docker.getContainer(`${stackName}-proxy-1`);
    const top = (await proxy.top({ ps_args: '-o pid,args' })) as { Processes: string[][] };
    const master = top.Processes.find((row) => row[1]?.startsWith('nginx: master process'))![0]!;
    // A stopped master takes the SIGHUP of `nginx -s reload` (which then exits 0) but acts on it
    // only once continued: the window in which a reload has been asked for and not yet happened.
    await run('kill', ['-STOP', master]);
    let settled = false;
    let reloading: Promise<unknown> | undefined;
    try {
      reloading = reloadProxy({ docker, project: stackName }).finally(() => (settled = true));
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(settled).toBe(false);
    } finally {
      await run('kill', ['-CONT', master]);
    }
    await expect(reloading).resolves.toEqual({ reloaded: [`${stackName}-proxy-1`] });

    await run('kill', ['-STOP', master]);
    try {
      await expect(reloadProxy({ docker, project: stackName, timeoutMs: 1000 })).rejects.toMatchObject({
        code: 'AIS_TLS_PROXY_RELOAD_FAILED',
        message:
          `nginx in ${stackName}-proxy-1 took the reload signal but started no new workers within 1000 ms, so it still serves ` +
          'its previous configuration and certificate',
      });
    } finally {
      await run('kill', ['-CONT', master]);
    }
  }, 60_000);
});
