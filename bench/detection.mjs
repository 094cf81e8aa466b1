// How fast a killed container is down (issue 11 item 8). Target: p95 < 3 s from `docker kill` to the
// HTTP API showing the service down and to the webhook arriving.
//
// A busybox web container labelled as a compose service, watched by the real monitor engine (a
// container monitor and an HTTP monitor, thresholds 2/1) behind the real HTTP server, with Docker
// reached through the rendered socket proxy (nginx allowlist, the Debian nginx stand-in here) as in
// the stack. Each round: `docker kill`, then time until
//   - GET /api/overview (polled every 50 ms, logged in) shows web:container down,
//   - the dashboard's live stream (/api/events, SSE) delivers its `state: down`,
//   - the webhook notifier's POST for the outage arrives;
// then `docker start`, wait until all is up and the outage's resolution arrived, and repeat.
// The same rounds with the event stream off (the probes alone) are the "before" peer.
//
// Run with `npm run build && node bench/detection.mjs` (ROUNDS=20, PEER_ROUNDS=5, INTERVAL_MS=5000).
import { execFile, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import Docker from 'dockerode';
import { catalog } from '../dist/catalog/index.js';
import { manifestSchema } from '../dist/manifest/schema.js';
import { createMonitorEngine } from '../dist/monitor/create-monitor-engine.js';
import { createWebhookNotifier } from '../dist/monitor/notifiers/webhook-notifier.js';
import { renderDockerApiProxy } from '../dist/render/docker-api-proxy.js';
import { loadAdminCredentials } from '../dist/server/auth/admin-credentials.js';
import { createServer } from '../dist/server/create-server.js';
import { resolveStack } from '../dist/stack/resolve.js';

const run = promisify(execFile);
const ROUNDS = Number(process.env.ROUNDS ?? 20);
const PEER_ROUNDS = Number(process.env.PEER_ROUNDS ?? 5);
const INTERVAL_MS = Number(process.env.INTERVAL_MS ?? 5000);
const PASSWORD = 'bench-password-not-a-secret';
const project = `aismon-bench-${randomBytes(3).toString('hex')}`;
const network = `${project}_net`;
const web = `${project}-web-1`;
const socketProxy = `${project}-docker-socket-proxy-1`;
const directory = mkdtempSync(path.join(os.tmpdir(), 'aistack-bench-detection-'));

const image = (tag) => {
  try {
    execFileSync('docker', ['image', 'inspect', tag], { stdio: 'ignore' });
    return tag;
  } catch {
    throw new Error(`${tag} is missing: run an integration test once (test/support/images.ts builds it)`);
  }
};
const busybox = image('aistack-test/busybox:1');
const nginx = image('aistack-test/nginx:2');

const stack = resolveStack(manifestSchema.parse({ name: project, domain: 'bench.example.test', services: {} }), catalog);
const [proxyConfig] = renderDockerApiProxy(stack);
writeFileSync(path.join(directory, 'nginx.conf'), proxyConfig.content);
writeFileSync(path.join(directory, 'password'), PASSWORD, { mode: 0o600 });

const docker = (...args) => run('docker', args, { timeout: 60_000 }).then((result) => result.stdout.trim());
await docker('network', 'create', network);
const cleanups = [() => docker('network', 'rm', network)];
const results = {};
try {
  await docker(
    'run',
    '-d',
    '--name',
    web,
    '--network',
    network,
    '--label',
    `com.docker.compose.project=${project}`,
    '--label',
    'com.docker.compose.service=web',
    '--health-cmd',
    'wget -q -O /dev/null http://127.0.0.1:8080/health',
    '--health-interval',
    '1s',
    '--health-timeout',
    '3s',
    '--health-retries',
    '3',
    busybox,
    'sh',
    '-c',
    'mkdir -p /www && echo ok > /www/health && exec httpd -f -p 8080 -h /www',
  );
  cleanups.unshift(() => docker('rm', '-f', '-v', web));
  await docker(
    'run',
    '-d',
    '--name',
    socketProxy,
    '--network',
    network,
    '--entrypoint',
    'nginx',
    '-v',
    '/var/run/docker.sock:/var/run/docker.sock:ro',
    '-v',
    `${path.join(directory, 'nginx.conf')}:/etc/nginx/nginx.conf:ro`,
    nginx,
    '-g',
    'daemon off;',
  );
  cleanups.unshift(() => docker('rm', '-f', '-v', socketProxy));
  const ipOf = (name) => docker('inspect', '-f', `{{(index .NetworkSettings.Networks "${network}").IPAddress}}`, name);
  const [webIp, proxyIp] = [await ipOf(web), await ipOf(socketProxy)];
  const client = new Docker({ host: proxyIp, port: 2375 });
  for (let attempt = 0; ; attempt += 1) {
    try {
      await client.ping();
      break;
    } catch (error) {
      if (attempt > 100) throw error;
      await sleep(100);
    }
  }
  results.events = await measure({ events: true, rounds: ROUNDS, client, webIp });
  results.probes = await measure({ events: false, rounds: PEER_ROUNDS, client, webIp });
} finally {
  for (const cleanup of cleanups) await cleanup().catch(() => undefined);
  rmSync(directory, { recursive: true, force: true });
}

const load = os
  .loadavg()
  .map((value) => value.toFixed(2))
  .join(', ');
console.log(
  `\n${new Date().toISOString()} · ${os.cpus().length} cores · ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB · Node ${process.version} · load ${load}`,
);
console.log(`interval ${INTERVAL_MS} ms, failure threshold 2; Docker through the rendered socket proxy`);
for (const [name, rounds] of Object.entries(results)) {
  console.log(`\n${name === 'events' ? 'with the event stream' : 'probes only (events off)'}: ${rounds.length} kills`);
  for (const key of ['api', 'sse', 'webhook']) {
    const values = rounds.map((round) => round[key]).filter((value) => value !== undefined);
    console.log(
      `  ${key.padEnd(8)} ${summarize(values)}${values.length < rounds.length ? ` (${rounds.length - values.length} missing)` : ''}`,
    );
  }
  console.log(`  one firing and one resolved webhook per kill: ${rounds.every((round) => round.firings === 1 && round.resolutions === 1)}`);
}

async function measure({ events, rounds, client, webIp }) {
  const received = [];
  const receiver = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      received.push({ at: performance.now(), body: JSON.parse(body) });
      response.end('ok');
    });
  });
  await new Promise((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const common = {
    service: 'web',
    intervalMs: INTERVAL_MS,
    timeoutMs: Math.min(10_000, INTERVAL_MS / 2),
    failureThreshold: 2,
    recoveryThreshold: 1,
  };
  const engine = createMonitorEngine({
    stack,
    monitors: [
      { id: 'web:http', name: 'Web', probe: { type: 'http', url: `http://${webIp}:8080/health`, bodyContains: 'ok' }, ...common },
      { id: 'web:container', name: 'Web container', probe: { type: 'container', project, service: 'web' }, ...common },
    ],
    databasePath: path.join(directory, `monitor-${events}.db`),
    docker: client,
    composeProject: project,
    notifiers: [createWebhookNotifier('bench', `http://127.0.0.1:${receiver.address().port}/`)],
    events,
  });
  const admin = await loadAdminCredentials({ passwordFile: path.join(directory, 'password') });
  const app = createServer({ engine, auth: { admin, metricsToken: undefined }, secureCookies: false });
  await engine.start();
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${app.server.address().port}`;
  const login = await fetch(`${base}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: base },
    body: JSON.stringify({ user: 'admin', password: PASSWORD }),
  });
  const cookie = login.headers.get('set-cookie').split(';')[0];
  const sseDown = [];
  const sse = await openSse(`${base}/api/events`, cookie, (type, data) => {
    if (type === 'state' && data.id === 'web:container' && data.state === 'down') sseDown.push(performance.now());
  });
  const apiState = async () => {
    const overview = await (await fetch(`${base}/api/overview`, { headers: { cookie } })).json();
    return Object.fromEntries(overview.monitors.map((monitor) => [monitor.id, monitor.state]));
  };
  const measured = [];
  try {
    for (let round = 0; round < rounds; round += 1) {
      await until(
        async () => {
          const states = await apiState();
          return states['web:http'] === 'up' && states['web:container'] === 'up' && (!events || engine.eventStreamConnected());
        },
        120_000,
        'web up',
      );
      const firingBefore = received.filter((entry) => entry.body.kind === 'firing').length;
      const resolvedBefore = received.filter((entry) => entry.body.kind === 'resolved').length;
      const sseBefore = sseDown.length;
      const killedAt = performance.now();
      await docker('kill', web);
      let api;
      await until(
        async () => {
          if ((await apiState())['web:container'] !== 'down') return false;
          api = performance.now() - killedAt;
          return true;
        },
        120_000,
        'api down',
        50,
      );
      await until(async () => received.some((entry) => entry.body.kind === 'firing' && entry.at >= killedAt), 120_000, 'webhook');
      const webhook = received.find((entry) => entry.body.kind === 'firing' && entry.at >= killedAt).at - killedAt;
      const sseAt = sseDown.slice(sseBefore)[0];
      await docker('start', web);
      await until(async () => received.filter((entry) => entry.body.kind === 'resolved').length > resolvedBefore, 600_000, 'resolved');
      measured.push({
        api: api / 1000,
        sse: sseAt === undefined ? undefined : (sseAt - killedAt) / 1000,
        webhook: webhook / 1000,
        firings: received.filter((entry) => entry.body.kind === 'firing').length - firingBefore,
        resolutions: received.filter((entry) => entry.body.kind === 'resolved').length - resolvedBefore,
      });
      const last = measured.at(-1);
      console.log(
        `${events ? 'events' : 'probes'} #${round + 1}: api ${last.api.toFixed(3)} s, sse ${last.sse?.toFixed(3) ?? '-'} s, webhook ${last.webhook.toFixed(3)} s`,
      );
    }
  } finally {
    sse.close();
    await app.close();
    await engine.stop();
    receiver.closeAllConnections();
    await new Promise((resolve) => receiver.close(resolve));
  }
  return measured;
}

async function openSse(url, cookie, onEvent) {
  const controller = new AbortController();
  const response = await fetch(url, { headers: { cookie, accept: 'text/event-stream' }, signal: controller.signal });
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        let split = buffer.indexOf('\n\n');
        while (split >= 0) {
          const block = buffer.slice(0, split);
          buffer = buffer.slice(split + 2);
          split = buffer.indexOf('\n\n');
          const type = /^event: (.+)$/m.exec(block)?.[1];
          const data = /^data: (.+)$/m.exec(block)?.[1];
          if (type && data) onEvent(type, JSON.parse(data));
        }
      }
    } catch {
      // closed
    }
  })();
  return { close: () => controller.abort() };
}

async function until(check, timeoutMs, what, pollMs = 100) {
  const deadline = performance.now() + timeoutMs;
  while (!(await check())) {
    if (performance.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await sleep(pollMs);
  }
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function summarize(values) {
  if (values.length === 0) return 'no values';
  const sorted = [...values].sort((a, b) => a - b);
  const at = (share) => sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)];
  return `p50 ${at(0.5).toFixed(3)} s · p95 ${at(0.95).toFixed(3)} s · max ${sorted.at(-1).toFixed(3)} s`;
}
