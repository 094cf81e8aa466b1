// Benchmark: 1,000 HTTP monitors at a 20 s interval against local endpoints.
// Run `npm run build` first. BENCH_SECONDS (default 65) sets the run time, BENCH_MONITORS the count,
// BENCH_INTERVAL_MS the interval (default 20000).
import { spawn } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { createMonitorEngine } from '../dist/monitor/create-monitor-engine.js';
import { resolveStack } from '../dist/stack/resolve.js';
import { manifestSchema } from '../dist/manifest/schema.js';
import { catalog } from '../dist/catalog/index.js';

const MONITORS = Number(process.env.BENCH_MONITORS ?? 1000);
const INTERVAL_MS = Number(process.env.BENCH_INTERVAL_MS ?? 20_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 65);
const SERVERS = 2;

// The endpoints run in child processes so the RSS and CPU measured here are the monitor's own.
const serverCode = `
const http = require('node:http');
const server = http.createServer((request, response) => { response.setHeader('content-type', 'application/json'); response.end('{"status":"ok"}'); });
server.keepAliveTimeout = 60000;
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
`;
const children = [];
const ports = [];
for (let index = 0; index < SERVERS; index += 1) {
  const child = spawn(process.execPath, ['-e', serverCode], { stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  ports.push(await new Promise((resolve) => child.stdout.once('data', (data) => resolve(Number(String(data).trim())))));
}

const directory = await mkdtemp(path.join(os.tmpdir(), 'aistack-bench-monitor-'));
const databasePath = path.join(directory, 'monitor.db');
const stack = resolveStack(manifestSchema.parse({ name: 'bench', domain: 'bench.example.com', services: {} }), catalog);
const monitors = Array.from({ length: MONITORS }, (_, index) => ({
  id: `m${index}:http`,
  name: `m${index}`,
  service: `m${index}`,
  probe: { type: 'http', url: `http://127.0.0.1:${ports[index % SERVERS]}/health/${index}` },
  intervalMs: INTERVAL_MS,
  timeoutMs: 10_000,
  failureThreshold: 2,
  recoveryThreshold: 1,
}));

const lags = [];
const checks = new Map();
const engine = createMonitorEngine({
  stack,
  monitors,
  databasePath,
  composeProject: 'bench',
  notifiers: [],
  resourceIntervalMs: 15_000,
  onLag: (lagMs) => lags.push(lagMs),
});
engine.subscribe((event) => {
  if (event.type !== 'check') return;
  const list = checks.get(event.payload.monitorId) ?? [];
  list.push(event.payload);
  checks.set(event.payload.monitorId, list);
});

let peakRss = 0;
const rssTimer = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 250);
const cpuBefore = process.cpuUsage();
const startedAt = performance.now();
await engine.start();
await new Promise((resolve) => setTimeout(resolve, SECONDS * 1000));
const elapsedMs = performance.now() - startedAt;
const cpu = process.cpuUsage(cpuBefore);
const stats = engine.schedulerStats();
const overviewTimes = [];
for (let round = 0; round < 50; round += 1) {
  const begin = performance.now();
  engine.listStatuses();
  overviewTimes.push(performance.now() - begin);
}
const scrapeBegin = performance.now();
const metricsText = await engine.metrics();
const scrapeMs = performance.now() - scrapeBegin;
engine.flush();
await engine.stop();
clearInterval(rssTimer);
for (const child of children) child.kill();

// Every monitor must have run once per interval since its first (jittered) check.
let expected = 0;
let completed = 0;
let failed = 0;
let short = 0;
for (const monitor of monitors) {
  const list = checks.get(monitor.id) ?? [];
  completed += list.length;
  failed += list.filter((check) => !check.ok).length;
  const first = list[0]?.at;
  const due = first === undefined ? 1 : Math.floor((startedAt + elapsedMs - (first - Date.now() + performance.now())) / INTERVAL_MS) + 1;
  expected += due;
  if (list.length < due - 1) short += 1;
}

const fileSize = (await stat(databasePath)).size;
const db = new Database(databasePath, { readonly: true });
const tables = Object.fromEntries(
  db
    .prepare('SELECT name, SUM(pgsize) AS bytes FROM dbstat GROUP BY name')
    .all()
    .map((row) => [row.name, row.bytes]),
);
const rows = (table) => db.prepare(`SELECT COUNT(*) AS count FROM ${table}`).get().count;
const sampleRows = rows('samples');
const minuteRows = rows('check_minute');
const hourRows = rows('check_hour');
db.close();
const bytesPerSample = ((tables.samples ?? 0) + (tables.samples_at ?? 0)) / Math.max(1, sampleRows);
const bytesPerMinuteRow = (tables.check_minute ?? 0) / Math.max(1, minuteRows);
const bytesPerHourRow = (tables.check_hour ?? 0) / Math.max(1, hourRows);
const checksPerDay = MONITORS * (86_400_000 / INTERVAL_MS);
const rawPerDay = checksPerDay * bytesPerSample;
const minutePerDay = MONITORS * 1440 * bytesPerMinuteRow;
const hourPerDay = MONITORS * 24 * bytesPerHourRow;
const steadyYear = 2 * rawPerDay + 7 * minutePerDay + 365 * hourPerDay;
await rm(directory, { recursive: true, force: true });

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
};
const mib = (bytes) => (bytes / 1048576).toFixed(1);
const result = {
  date: new Date().toISOString(),
  node: process.version,
  cpus: os.cpus().length,
  monitors: MONITORS,
  intervalSeconds: INTERVAL_MS / 1000,
  seconds: Math.round(elapsedMs / 1000),
  checksCompleted: completed,
  checksExpected: expected,
  checksFailed: failed,
  monitorsShort: short,
  missed: stats.missed,
  lagMs: { p50: +percentile(lags, 50).toFixed(2), p99: +percentile(lags, 99).toFixed(2), max: +Math.max(...lags).toFixed(2) },
  peakRssMiB: +mib(peakRss),
  cpuPercentOfOneCore: +(((cpu.user + cpu.system) / 1000 / elapsedMs) * 100).toFixed(1),
  listStatusesMs: { p50: +percentile(overviewTimes, 50).toFixed(2), p99: +percentile(overviewTimes, 99).toFixed(2) },
  metricsScrapeMs: +scrapeMs.toFixed(1),
  metricsBytes: metricsText.length,
  database: {
    fileMiB: +mib(fileSize),
    bytesPerRawSample: +bytesPerSample.toFixed(1),
    bytesPerMinuteRollup: +bytesPerMinuteRow.toFixed(1),
    bytesPerHourRollup: +bytesPerHourRow.toFixed(1),
    growthPerDayMiB: +mib(rawPerDay + minutePerDay + hourPerDay),
    steadyStateOneYearMiB: +mib(steadyYear),
  },
};
console.log(JSON.stringify(result, null, 2));
const pass = result.missed === 0 && result.monitorsShort === 0 && result.lagMs.p99 < 1000 && result.peakRssMiB < 250;
console.log(pass ? 'PASS: no missed checks, lag p99 < 1 s, RSS < 250 MiB' : 'FAIL');
process.exitCode = pass ? 0 : 1;
