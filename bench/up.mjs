// Benchmark: time from "up" to all-healthy for a 12-service stack with a 3-level dependency
// graph, three ways in the same run: aistack's event-driven rollout, a serial start (one service
// at a time, each waiting for health), and plain `docker-compose up -d` (compose's own
// depends_on: service_healthy ordering) followed by waiting for every service to be healthy.
// Each service is busybox that turns healthy a known delay after it starts.
//
// Two graphs:
// - tight: services healthy 1–3 s after their start, checked every 250 ms; fixed costs (compose
//   creating containers, Docker starting them) weigh most here.
// - catalog: the stack's shape and health-check intervals as the catalog renders them (10–30 s),
//   services up 1–8 s after their start, as a small stack's are on a warm host.
//
// With the Compose v2 plugin the tests fetch (test/support/compose-v2.ts) on the machine, aistack
// and plain `docker compose up -d` run under v2 as well.
//
// Run: npm run build && node bench/up.mjs [rounds] [tight|catalog|all]
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { createComposeProject } from '../dist/runtime/compose-project.js';
import { createDockerRolloutDriver } from '../dist/runtime/docker-rollout-driver.js';
import { createEngine } from '../dist/runtime/engine.js';
import { runRollout } from '../dist/runtime/rollout.js';

const ROUNDS = Number(process.argv[2] ?? 3);
const ONLY = process.argv[3] ?? 'all';
const IMAGE = 'aistack-test/busybox:1';

// id: [delay seconds, dependencies, health-check interval]
const SCENARIOS = {
  tight: {
    a0: [1, [], '250ms'],
    a1: [2, [], '250ms'],
    a2: [3, [], '250ms'],
    a3: [1, [], '250ms'],
    b0: [3, ['a0'], '250ms'],
    b1: [1, ['a1'], '250ms'],
    b2: [1, ['a2'], '250ms'],
    b3: [2, ['a3', 'a0'], '250ms'],
    c0: [1, ['b0'], '250ms'],
    c1: [2, ['b1', 'b2'], '250ms'],
    c2: [1, ['b3'], '250ms'],
    c3: [1, ['b2'], '250ms'],
  },
  catalog: {
    postgres: [3, [], '10s'],
    redis: [1, [], '10s'],
    qdrant: [2, [], '15s'],
    ollama: [4, [], '15s'],
    litellm: [6, ['postgres', 'redis'], '15s'],
    n8n: [5, ['postgres', 'redis'], '15s'],
    mem0: [4, ['postgres', 'qdrant'], '30s'],
    flowise: [4, ['postgres'], '15s'],
    'open-webui': [8, ['ollama', 'litellm'], '15s'],
    'n8n-runners': [2, ['n8n'], '15s'],
    'mem0-dashboard': [3, ['mem0'], '30s'],
    proxy: [1, ['flowise', 'n8n'], '10s'],
  },
};

function composeDocument(graph) {
  const services = {};
  for (const [id, [delay, dependsOn, interval]] of Object.entries(graph)) {
    services[id] = {
      image: IMAGE,
      command: ['sh', '-c', `sleep ${delay}; touch /tmp/ready; exec sleep 100000`],
      healthcheck: { test: ['CMD', 'test', '-f', '/tmp/ready'], interval, timeout: '2s', retries: 3, start_period: '60s' },
      stop_grace_period: '1s',
      ...(dependsOn.length > 0
        ? { depends_on: Object.fromEntries(dependsOn.map((dependency) => [dependency, { condition: 'service_healthy' }])) }
        : {}),
    };
  }
  return { services };
}

/** Longest chain of per-service durations (ms) through the graph. */
function criticalPath(graph, durationOf) {
  const memo = new Map();
  const finish = (id) => {
    if (memo.has(id)) return memo.get(id);
    const value = Math.max(0, ...graph[id][1].map(finish)) + durationOf(id);
    memo.set(id, value);
    return value;
  };
  return Math.max(...Object.keys(graph).map(finish));
}

function topologicalOrder(graph) {
  const order = [];
  const seen = new Set();
  const visit = (id) => {
    if (seen.has(id)) return;
    seen.add(id);
    for (const dependency of graph[id][1]) visit(dependency);
    order.push(id);
  };
  Object.keys(graph).forEach(visit);
  return order;
}

function cleanup(project) {
  const containers = execFileSync('docker', ['ps', '-aq', '--filter', `label=com.docker.compose.project=${project}`], { encoding: 'utf8' })
    .split('\n')
    .filter(Boolean);
  if (containers.length > 0) spawnSync('docker', ['rm', '-f', ...containers]);
  const networks = execFileSync('docker', ['network', 'ls', '-q', '--filter', `label=com.docker.compose.project=${project}`], {
    encoding: 'utf8',
  })
    .split('\n')
    .filter(Boolean);
  for (const network of networks) spawnSync('docker', ['network', 'rm', network]);
}

const planOf = (graph) =>
  Object.entries(graph).map(([id, [, dependsOn]]) => ({
    id,
    dependsOn: dependsOn.map((service) => ({ service, condition: 'service_healthy' })),
    job: false,
    hasHealth: true,
    startTimeout: 180,
  }));

async function runOurs({ engine, graph, file, directory, project, command }) {
  const began = Date.now();
  const compose = await createComposeProject({ name: project, files: [file], projectDirectory: directory }, command);
  // The driver creates the containers itself and starts each one as soon as it exists.
  const driver = await createDockerRolloutDriver(engine, compose, { startedAt: new Date() });
  const report = await runRollout(planOf(graph), driver);
  await driver.created;
  driver.close();
  if (!report.ok) throw new Error(`rollout failed: ${JSON.stringify(report.failure)}`);
  return { total: Date.now() - began };
}

async function runSerial({ engine, graph, file, directory, project }) {
  const began = Date.now();
  const compose = await createComposeProject({ name: project, files: [file], projectDirectory: directory });
  const driver = await createDockerRolloutDriver(engine, compose, { startedAt: new Date() });
  await driver.created;
  const controller = new AbortController();
  const plan = planOf(graph);
  const solo = new Map();
  for (const id of topologicalOrder(graph)) {
    const requested = Date.now();
    await driver.start([id]);
    await driver.waitReady(
      plan.find((service) => service.id === id),
      Date.now() + 180_000,
      controller.signal,
      () => {},
    );
    solo.set(id, Date.now() - requested);
  }
  driver.close();
  return { total: Date.now() - began, soloCriticalPath: criticalPath(graph, (id) => solo.get(id)) };
}

async function runPlainCompose({ engine, graph, file, directory, project, command }) {
  const began = Date.now();
  const composeArgs = ['--project-name', project, '--project-directory', directory, '--file', file, 'up', '--detach'];
  const result = command
    ? spawnSync(command.program, [...command.prefix, ...composeArgs], { encoding: 'utf8' })
    : spawnSync('docker-compose', composeArgs, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(result.stderr);
  const deadline = Date.now() + 300_000;
  for (;;) {
    const containers = await engine.listContainers(project);
    if (containers.length === Object.keys(graph).length && containers.every((container) => container.health === 'healthy')) break;
    if (Date.now() > deadline) throw new Error('plain compose: not healthy in 300 s');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { total: Date.now() - began };
}

// Compose v2 too, when the plugin the tests fetch (test/support/compose-v2.ts) is on this machine.
const COMPOSE_V2_CONFIG = path.join(os.homedir(), '.cache', 'aistack-test', 'compose-v2');
const composeV2 = existsSync(path.join(COMPOSE_V2_CONFIG, 'cli-plugins', 'docker-compose'))
  ? { program: 'docker', prefix: ['compose'], version: '2', major: 2 }
  : undefined;
/** Run with Compose v2: only the processes started meanwhile see its DOCKER_CONFIG. */
const withComposeV2 = (run) => async (input) => {
  process.env.DOCKER_CONFIG = COMPOSE_V2_CONFIG;
  try {
    return await run({ ...input, command: composeV2 });
  } finally {
    delete process.env.DOCKER_CONFIG;
  }
};
const STRATEGIES = [
  ['aistack rollout', runOurs],
  ['serial start', runSerial],
  ['docker-compose up -d + wait', runPlainCompose],
  ...(composeV2
    ? [
        ['aistack rollout, Compose v2', withComposeV2(runOurs)],
        ['docker compose v2 up -d + wait', withComposeV2(runPlainCompose)],
      ]
    : []),
];
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const seconds = (ms) => (ms / 1000).toFixed(2);
const engine = createEngine();

for (const [scenario, graph] of Object.entries(SCENARIOS)) {
  if (ONLY !== 'all' && ONLY !== scenario) continue;
  const directory = mkdtempSync(path.join(os.tmpdir(), 'aistack-bench-up-'));
  const file = path.join(directory, 'compose.yaml');
  writeFileSync(file, stringify(composeDocument(graph), { version: '1.1' }));
  const rows = [];
  try {
    for (let round = 1; round <= ROUNDS; round += 1) {
      for (const [name, run] of STRATEGIES) {
        const project = `aisbench-${process.pid}-${scenario}-${round}-${name.replace(/[^a-z0-9]/g, '')}`.slice(0, 60);
        try {
          const result = await run({ engine, graph, file, directory, project });
          rows.push({ round, name, ...result });
          console.error(`${scenario} round ${round} ${name}: ${seconds(result.total)} s`);
        } finally {
          cleanup(project);
        }
      }
    }
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
  const ids = Object.keys(graph);
  const byName = (name) => rows.filter((row) => row.name === name);
  // The graph's critical path with each service taking what it takes alone (start request to
  // healthy, container start included), as timed in the serial runs.
  const measured = median(byName('serial start').map((row) => row.soloCriticalPath));
  const theoretical = criticalPath(graph, (id) => graph[id][0] * 1000);
  console.log(
    `\n### ${scenario}: ${ids.length} services, 3 levels, health intervals ${[...new Set(ids.map((id) => graph[id][2]))].join('/')}, ${ROUNDS} rounds\n`,
  );
  console.log(
    `- critical path from the delays alone: ${seconds(theoretical)} s; all delays in a row: ${seconds(ids.reduce((sum, id) => sum + graph[id][0] * 1000, 0))} s`,
  );
  console.log(
    `- critical path measured (longest chain of each service's start request→healthy time when started alone, from the serial runs): **${seconds(measured)} s**\n`,
  );
  console.log('| strategy | median up→all healthy (s) | runs (s) | vs measured critical path |');
  console.log('| --- | --- | --- | --- |');
  for (const [name] of STRATEGIES) {
    const totals = byName(name).map((row) => row.total);
    const over = (median(totals) / measured - 1) * 100;
    console.log(
      `| ${name} | ${seconds(median(totals))} | ${totals.map(seconds).join(', ')} | ${over >= 0 ? '+' : ''}${over.toFixed(0)}% |`,
    );
  }
}
