// The monitor's HTTP API under load, with 1,000 monitors in the engine.
// Targets (issue 6): overview API p99 under 100 ms at 50 requests/s; /metrics scrape under 250 ms.
// The engine is the real monitor engine (SQLite history, scheduler) running 1,000 HTTP monitors at
// a 20 s interval against a local endpoint server in a child process, in the same process as the
// HTTP server, as `aistack serve` runs them.
// Run with `npm run build && node bench/server.mjs` (uses `wrk` too when it is installed).
import { execFile, fork, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadAdminCredentials } from '../dist/server/auth/admin-credentials.js';
import { createServer } from '../dist/server/create-server.js';
import { catalog } from '../dist/catalog/index.js';
import { manifestSchema } from '../dist/manifest/schema.js';
import { createMonitorEngine } from '../dist/monitor/create-monitor-engine.js';
import { resolveStack } from '../dist/stack/resolve.js';

if (process.argv.includes('--endpoints')) {
  const http = await import('node:http');
  const server = http.createServer((_request, response) => response.end('ok'));
  server.listen(0, '127.0.0.1', () => process.send(server.address().port));
  process.on('disconnect', () => process.exit(0));
  await new Promise(() => {});
}
const MONITORS = Number(process.env.MONITORS ?? 1000);
const RATE = Number(process.env.RATE ?? 50);
const SECONDS = Number(process.env.DURATION ?? 30);
const SCRAPES = Number(process.env.SCRAPES ?? 30);
const TOKEN = 'bench-metrics-token';
const PASSWORD = 'bench-password-not-a-secret';

const directory = mkdtempSync(path.join(os.tmpdir(), 'aistack-bench-server-'));
const INTERVAL_MS = Number(process.env.INTERVAL_MS ?? 20_000);
const { engine, kind, close: closeEngine } = await createBenchEngine(MONITORS, directory);
let app;
try {
  writeFileSync(path.join(directory, 'password'), PASSWORD, { mode: 0o600 });
  const admin = await loadAdminCredentials({ passwordFile: path.join(directory, 'password') });
  app = createServer({ engine, auth: { admin, metricsToken: TOKEN }, secureCookies: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${app.server.address().port}`;
  const login = await fetch(`${base}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: base },
    body: JSON.stringify({ user: 'admin', password: PASSWORD }),
  });
  if (!login.ok) throw new Error(`login failed: ${login.status}`);
  const cookie = login.headers.get('set-cookie').split(';')[0];
  const overviewBytes = (await (await fetch(`${base}/api/overview`, { headers: { cookie } })).arrayBuffer()).byteLength;
  const monitorsSeen = (await (await fetch(`${base}/api/overview`, { headers: { cookie } })).json()).monitors.length;

  // Open loop at a fixed rate: each request starts on schedule, whatever the previous ones do.
  const latencies = [];
  let errors = 0;
  const started = performance.now();
  const pending = [];
  for (let index = 0; index < RATE * SECONDS; index += 1) {
    const due = started + (index * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const sent = performance.now();
    pending.push(
      fetch(`${base}/api/overview`, { headers: { cookie } }).then(
        async (response) => {
          await response.arrayBuffer();
          if (response.ok) latencies.push(performance.now() - sent);
          else errors += 1;
        },
        () => (errors += 1),
      ),
    );
  }
  await Promise.all(pending);
  const overview = summarize(latencies);

  const scrapes = [];
  let metricsBytes = 0;
  for (let index = 0; index < SCRAPES; index += 1) {
    const sent = performance.now();
    const response = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    metricsBytes = (await response.arrayBuffer()).byteLength;
    if (!response.ok) throw new Error(`/metrics answered ${response.status}`);
    scrapes.push(performance.now() - sent);
  }
  const metrics = summarize(scrapes);

  const wrk = await runWrk(base, cookie);
  const scheduler = typeof engine.schedulerStats === 'function' ? engine.schedulerStats() : undefined;
  const rssMiB = Math.round(process.memoryUsage().rss / 2 ** 20);
  console.log(
    JSON.stringify(
      {
        benchmark: 'server: overview API and /metrics',
        engine: kind,
        monitors: monitorsSeen,
        overviewBytes,
        overview: {
          ratePerSecond: RATE,
          seconds: SECONDS,
          requests: latencies.length,
          errors,
          ...overview,
          targetP99Ms: 100,
          pass: errors === 0 && overview.p99Ms < 100,
        },
        metrics: { scrapes: SCRAPES, bytes: metricsBytes, ...metrics, targetMaxMs: 250, pass: metrics.maxMs < 250 },
        wrk,
        schedulerWhileLoaded: scheduler,
        rssMiB,
      },
      null,
      2,
    ),
  );
} finally {
  await app?.close();
  await closeEngine();
  rmSync(directory, { recursive: true, force: true });
}

function summarize(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (quantile) => Math.round((sorted[Math.min(sorted.length - 1, Math.floor(quantile * sorted.length))] ?? NaN) * 10) / 10;
  return { p50Ms: at(0.5), p90Ms: at(0.9), p99Ms: at(0.99), maxMs: at(1) };
}

/** Saturation run with wrk (closed loop, 2 threads, 8 connections) when wrk is installed. */
async function runWrk(base, cookie) {
  if (spawnSync('which', ['wrk']).status !== 0) return { skipped: 'wrk is not installed (apt-get install wrk)' };
  // Asynchronously: the server under test runs in this process's event loop.
  const { stdout: output } = await promisify(execFile)(
    'wrk',
    ['-t2', '-c8', '-d15s', '--latency', '-H', `Cookie: ${cookie}`, `${base}/api/overview`],
    { encoding: 'utf8' },
  );
  const requestsPerSecond = Number(/Requests\/sec:\s+([\d.]+)/.exec(output)?.[1]);
  const p99 = /\s99%\s+([\d.]+)(us|ms|s)/.exec(output);
  const p50 = /\s50%\s+([\d.]+)(us|ms|s)/.exec(output);
  const toMs = (match) => (match ? Number(match[1]) * { us: 0.001, ms: 1, s: 1000 }[match[2]] : NaN);
  const non2xx = Number(/Non-2xx or 3xx responses: (\d+)/.exec(output)?.[1] ?? 0);
  return { connections: 8, seconds: 15, requestsPerSecond, p50Ms: toMs(p50), p99Ms: toMs(p99), non2xx };
}

/** The real engine with MONITORS HTTP monitors against an endpoint server in a child process. */
async function createBenchEngine(count, directory) {
  const endpoints = fork(new URL('./server.mjs', import.meta.url), ['--endpoints'], { stdio: 'inherit' });
  const port = await new Promise((resolve, reject) => {
    endpoints.once('message', resolve);
    endpoints.once('exit', (code) => reject(new Error(`endpoint server exited (${code})`)));
  });
  const stack = resolveStack(
    manifestSchema.parse({ name: 'bench', domain: 'bench.example.com', services: {}, monitor: { enabled: false } }),
    catalog,
  );
  const monitors = Array.from({ length: count }, (_, index) => ({
    id: `custom:svc${index}`,
    name: `svc${index}`,
    service: `svc${index}`,
    probe: { type: 'http', url: `http://127.0.0.1:${port}/m/${index}` },
    intervalMs: INTERVAL_MS,
    timeoutMs: 5000,
    failureThreshold: 2,
    recoveryThreshold: 1,
  }));
  const engine = createMonitorEngine({
    stack,
    monitors,
    databasePath: path.join(directory, 'monitor.db'),
    composeProject: 'bench',
    notifiers: [],
  });
  await engine.start();
  // Let one full interval pass so every monitor has a state, a sparkline and history.
  await new Promise((resolve) => setTimeout(resolve, Math.min(INTERVAL_MS + 2000, 30_000)));
  return {
    engine,
    kind: `real (${count} HTTP monitors, ${INTERVAL_MS / 1000} s interval, endpoints in a child process)`,
    close: async () => {
      await engine.stop();
      endpoints.kill();
    },
  };
}
