// Benchmark: time from "up" to all-healthy for a 12-service stack with a 3-level dependency
// graph, three ways in the same run: aistack's event-driven rollout, a serial start (one service
// at a time, each waiting for health), and plain `docker-compose up -d` (compose's own
// depends_on: service_healthy ordering) followed by waiting for every service to be healthy.
// Each service is busybox that turns healthy a known delay after it starts.
//
// Run: npm run build && node bench/up.mjs [rounds]
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { createComposeProject } from '../dist/runtime/compose-project.js';
import { createDockerRolloutDriver } from '../dist/runtime/docker-rollout-driver.js';
import { createEngine } from '../dist/runtime/engine.js';
import { runRollout } from '../dist/runtime/rollout.js';

const ROUNDS = Number(process.argv[2] ?? 3);
const IMAGE = 'aistack-test/busybox:1';
const HEALTH_INTERVAL = '250ms';

// id: [delay seconds, dependencies]
const GRAPH = {
  a0: [1, []],
  a1: [2, []],
  a2: [3, []],
  a3: [1, []],
  b0: [3, ['a0']],
  b1: [1, ['a1']],
  b2: [1, ['a2']],
  b3: [2, ['a3', 'a0']],
  c0: [1, ['b0']],
  c1: [2, ['b1', 'b2']],
  c2: [1, ['b3']],
  c3: [1, ['b2']],
};
const ids = Object.keys(GRAPH);

function composeDocument() {
  const services = {};
  for (const [id, [delay, dependsOn]] of Object.entries(GRAPH)) {
    services[id] = {
      image: IMAGE,
      command: ['sh', '-c', `sleep ${delay}; touch /tmp/ready; exec sleep 100000`],
      healthcheck: { test: ['CMD', 'test', '-f', '/tmp/ready'], interval: HEALTH_INTERVAL, timeout: '2s', retries: 3, start_period: '60s' },
      stop_grace_period: '1s',
      ...(dependsOn.length > 0 ? { depends_on: Object.fromEntries(dependsOn.map((dependency) => [dependency, { condition: 'service_healthy' }])) } : {}),
    };
  }
  return { services };
}

/** Longest chain of per-service durations (ms) through the graph. */
function criticalPath(durationOf) {
  const memo = new Map();
  const finish = (id) => {
    if (memo.has(id)) return memo.get(id);
    const [, dependsOn] = GRAPH[id];
    const value = Math.max(0, ...dependsOn.map(finish)) + durationOf(id);
    memo.set(id, value);
    return value;
  };
  return Math.max(...ids.map(finish));
}

function topologicalOrder() {
  const order = [];
  const seen = new Set();
  const visit = (id) => {
    if (seen.has(id)) return;
    seen.add(id);
    for (const dependency of GRAPH[id][1]) visit(dependency);
    order.push(id);
  };
  ids.forEach(visit);
  return order;
}

function cleanup(project) {
  const containers = execFileSync('docker', ['ps', '-aq', '--filter', `label=com.docker.compose.project=${project}`], { encoding: 'utf8' }).split('\n').filter(Boolean);
  if (containers.length > 0) spawnSync('docker', ['rm', '-f', ...containers]);
  const networks = execFileSync('docker', ['network', 'ls', '-q', '--filter', `label=com.docker.compose.project=${project}`], { encoding: 'utf8' }).split('\n').filter(Boolean);
  for (const network of networks) spawnSync('docker', ['network', 'rm', network]);
}

const plan = ids.map((id) => ({ id, dependsOn: GRAPH[id][1].map((service) => ({ service, condition: 'service_healthy' })), job: false, hasHealth: true, startTimeout: 120 }));

async function runOurs(engine, file, directory, project) {
  // Docker's own clock: when each container started and when its health turned healthy.
  const started = new Map();
  const healthy = new Map();
  const stopEvents = await engine.watchEvents(project, (event) => {
    if (!event.service) return;
    if (event.action === 'start') started.set(event.service, event.time);
    if (event.action === 'health_status: healthy' && !healthy.has(event.service)) healthy.set(event.service, event.time);
  });
  const began = Date.now();
  const compose = await createComposeProject({ name: project, files: [file], projectDirectory: directory });
  await compose.create();
  const driver = await createDockerRolloutDriver(engine, compose, { startedAt: new Date() });
  const report = await runRollout(plan, driver);
  driver.close();
  if (!report.ok) throw new Error(`rollout failed: ${JSON.stringify(report.failure)}`);
  const total = Date.now() - began;
  await new Promise((resolve) => setTimeout(resolve, 300));
  stopEvents();
  const own = (id) => (healthy.get(id) ?? NaN) - (started.get(id) ?? NaN);
  return { total, rollout: report.durationMs, measuredCriticalPath: criticalPath(own) };
}

async function runSerial(engine, file, directory, project) {
  const began = Date.now();
  const compose = await createComposeProject({ name: project, files: [file], projectDirectory: directory });
  await compose.create();
  const driver = await createDockerRolloutDriver(engine, compose, { startedAt: new Date() });
  const controller = new AbortController();
  const solo = new Map();
  for (const id of topologicalOrder()) {
    const requested = Date.now();
    await driver.start([id]);
    await driver.waitReady(plan.find((service) => service.id === id), Date.now() + 120_000, controller.signal, () => {});
    solo.set(id, Date.now() - requested);
  }
  driver.close();
  return { total: Date.now() - began, soloCriticalPath: criticalPath((id) => solo.get(id)) };
}

async function runPlainCompose(engine, file, directory, project) {
  const began = Date.now();
  const composeArgs = ['--project-name', project, '--project-directory', directory, '--file', file, 'up', '--detach'];
  const result = spawnSync('docker-compose', composeArgs, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(result.stderr);
  const deadline = Date.now() + 120_000;
  for (;;) {
    const containers = await engine.listContainers(project);
    if (containers.length === ids.length && containers.every((container) => container.health === 'healthy')) break;
    if (Date.now() > deadline) throw new Error('plain compose: not healthy in 120 s');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { total: Date.now() - began };
}

const directory = mkdtempSync(path.join(os.tmpdir(), 'aistack-bench-up-'));
const file = path.join(directory, 'compose.yaml');
writeFileSync(file, stringify(composeDocument(), { version: '1.1' }));
const engine = createEngine();
const theoretical = criticalPath((id) => GRAPH[id][0] * 1000);
const levelByLevel = [0, 1, 2].map((level) => Math.max(...ids.filter((id) => id[0] === 'abc'[level]).map((id) => GRAPH[id][0]))).reduce((a, b) => a + b, 0) * 1000;
const serialSum = ids.reduce((sum, id) => sum + GRAPH[id][0] * 1000, 0);
const rows = [];
try {
  for (let round = 1; round <= ROUNDS; round += 1) {
    for (const [name, run] of [
      ['aistack rollout', runOurs],
      ['serial start', runSerial],
      ['docker-compose up -d + wait', runPlainCompose],
    ]) {
      const project = `aisbench-${process.pid}-${round}-${name.split(' ')[0].replace(/[^a-z]/g, '')}`;
      try {
        const result = await run(engine, file, directory, project);
        rows.push({ round, name, ...result });
        console.error(`round ${round} ${name}: ${(result.total / 1000).toFixed(2)} s`);
      } finally {
        cleanup(project);
      }
    }
  }
} finally {
  rmSync(directory, { recursive: true, force: true });
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const byName = (name) => rows.filter((row) => row.name === name);
const ours = byName('aistack rollout');
const dockerMeasured = median(ours.map((row) => row.measuredCriticalPath));
// The graph's critical path with each service taking what it takes alone (start request to
// healthy, container start included), as timed in the serial runs.
const measured = median(byName('serial start').map((row) => row.soloCriticalPath));
console.log(`services: ${ids.length}, levels: 3, health interval ${HEALTH_INTERVAL}, rounds: ${ROUNDS}`);
console.log(`critical path (sum of delays on the longest chain): ${(theoretical / 1000).toFixed(2)} s; level by level: ${(levelByLevel / 1000).toFixed(2)} s; all delays in a row: ${(serialSum / 1000).toFixed(2)} s`);
console.log(`critical path measured (longest chain of each service's start request→healthy time when started alone, from the serial runs): ${(measured / 1000).toFixed(2)} s`);
console.log(`(longest chain of Docker's own start event→healthy event times in aistack's runs, container start latency excluded: ${(dockerMeasured / 1000).toFixed(2)} s)`);
console.log('| strategy | median up→all healthy (s) | runs (s) | vs measured critical path |');
console.log('| --- | --- | --- | --- |');
for (const name of ['aistack rollout', 'serial start', 'docker-compose up -d + wait']) {
  const totals = byName(name).map((row) => row.total);
  console.log(`| ${name} | ${(median(totals) / 1000).toFixed(2)} | ${totals.map((value) => (value / 1000).toFixed(2)).join(', ')} | ${((median(totals) / measured - 1) * 100).toFixed(0)}% |`);
}
console.log(`aistack rollout alone (after compose created the containers): median ${(median(ours.map((row) => row.rollout)) / 1000).toFixed(2)} s, ${((median(ours.map((row) => row.rollout)) / measured - 1) * 100).toFixed(0)}% over the measured critical path`);
