// Benchmark of `aistack check` against dclint on the same generated compose project, measured in
// the same run: 1,000 services (every third with problems) and ~300 KB of Markdown docs. The CLI
// runs of both tools are interleaved (aistack, dclint, aistack, …) so load on the shared machine
// hits both alike; medians of ROUNDS rounds. Then scaling (4× the services) and a 50 MB file.
// Run: npm run build && node bench/check.mjs   (ROUNDS=7 node bench/check.mjs for more rounds)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { checkFiles } = await import(path.join(root, 'dist/check-shell/check-files.js'));
const ROUNDS = Number(process.env.ROUNDS ?? 5);
const SERVICES = 1000;
const directory = mkdtempSync(path.join(tmpdir(), 'aistack-bench-check-'));
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function composeText(count) {
  const lines = ['services:'];
  for (let index = 0; index < count; index += 1) {
    const name = `svc-${String(index).padStart(5, '0')}`;
    const port = 20000 + (index % 40000);
    lines.push(`  ${name}:`);
    lines.push(`    image: ${index % 3 === 0 ? 'nginx:latest' : 'nginx:1.27.3'}`);
    lines.push('    restart: unless-stopped');
    lines.push(`    ports:\n      - "127.0.0.1:${port}:80"`);
    lines.push(
      `    environment:\n      LOG_LEVEL: info\n      PORT: "${port}"\n      UPSTREAM: http://svc-${String((index + 1) % count).padStart(5, '0')}:80\n      DB_PASSWORD: \${DB_PASSWORD_${index}:-}`,
    );
    if (index % 5 !== 0)
      lines.push('    healthcheck:\n      test: ["CMD", "wget", "-q", "--spider", "http://localhost/"]\n      interval: 30s');
    if (index % 7 !== 0) lines.push('    deploy:\n      resources:\n        limits:\n          memory: 256m');
    if (index > 0) lines.push(`    depends_on:\n      svc-${String(index - 1).padStart(5, '0')}:\n        condition: service_started`);
  }
  return `${lines.join('\n')}\n`;
}

function docsText(part, count) {
  const sections = [`# Operations, part ${part}\n`];
  for (let index = 0; index < count; index += 1) {
    const name = `svc-${String(index).padStart(5, '0')}`;
    const port = index % 50 === 0 ? 60000 + (index % 1000) : 20000 + index;
    sections.push(
      `## ${name}\n\nThe \`${name}\` service answers on http://localhost:${port}/ and reads \`LOG_LEVEL\`.` +
        ` Restart it with the command below; see [the upstream docs](https://example.org/${name}) for details.\n\n` +
        '```sh\n' +
        `docker compose restart ${name}\ndocker compose logs -f ${name}\n` +
        '```\n\n' +
        `| Service | Port |\n|---|---|\n| ${name} | ${port} |\n`,
    );
  }
  return sections.join('\n');
}

function writeProject(name, count, docsParts) {
  const projectDirectory = path.join(directory, name);
  mkdirSync(path.join(projectDirectory, 'docs'), { recursive: true });
  const composeFile = path.join(projectDirectory, 'compose.yaml');
  writeFileSync(composeFile, composeText(count));
  for (let part = 1; part <= docsParts; part += 1)
    writeFileSync(path.join(projectDirectory, 'docs', `operations-${part}.md`), docsText(part, Math.min(count, 500)));
  return { projectDirectory, composeFile };
}

async function inProcess(composeFile, projectDirectory, withDocs, rounds) {
  const input = {
    composeFile,
    docs: withDocs ? [{ file: path.join(projectDirectory, 'docs') }] : [],
    probe: false,
    relativeTo: projectDirectory,
  };
  await checkFiles(input); // warm-up: validator load, JIT
  const times = [];
  let findings = [];
  for (let run = 0; run < rounds; run += 1) {
    const started = performance.now();
    findings = await checkFiles(input);
    times.push(performance.now() - started);
  }
  return { median: median(times), findings };
}

function wall(command, args, cwd) {
  const started = performance.now();
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  return { ms: performance.now() - started, status: result.status };
}

// 1. The 1,000-service project with ~300 KB of docs.
const main = writeProject('main', SERVICES, 2);
const docsBytes = [1, 2].reduce((sum, part) => sum + statSync(path.join(main.projectDirectory, 'docs', `operations-${part}.md`)).size, 0);
const composeBytes = statSync(main.composeFile).size;
const warm = await inProcess(main.composeFile, main.projectDirectory, true, ROUNDS);

// 2. CLI wall time, aistack and dclint interleaved in the same rounds.
const cli = path.join(root, 'dist/cli/main.js');
const dclint = path.join(root, 'node_modules/.bin/dclint');
const dclintReport = path.join(directory, 'dclint.json');
const ours = [];
const ourComposeOnly = [];
const theirs = [];
let dclintStatus;
for (let round = 0; round < ROUNDS; round += 1) {
  ours.push(
    wall(
      process.execPath,
      [cli, 'check', '-f', main.composeFile, '--docs', 'docs', '--no-probe', '--format', 'json'],
      main.projectDirectory,
    ).ms,
  );
  // dclint exits before a large report is flushed to a pipe; let it write a file instead.
  const run = wall(dclint, [main.composeFile, '--formatter', 'json', '--output-file', dclintReport], main.projectDirectory);
  theirs.push(run.ms);
  dclintStatus = run.status;
  ourComposeOnly.push(
    wall(process.execPath, [cli, 'check', '-f', main.composeFile, '--no-probe', '--format', 'json'], main.projectDirectory).ms,
  );
}
let dclintFindings;
try {
  const report = JSON.parse(readFileSync(dclintReport, 'utf8'));
  dclintFindings = report.flatMap((file) => file.messages).length;
} catch {
  dclintFindings = `unparsed (exit ${dclintStatus})`;
}

// 3. Scaling: the same compose file with 4× the services (compose only, in process).
const scaling = [];
for (const count of [500, 2000, 8000]) {
  const project = writeProject(`scale-${count}`, count, 0);
  const result = await inProcess(project.composeFile, project.projectDirectory, false, Math.max(3, ROUNDS - 2));
  scaling.push({
    services: count,
    kb: Math.round(statSync(project.composeFile).size / 1024),
    ms: Math.round(result.median),
    findings: result.findings.length,
  });
}

// 4. A 50 MB compose file in a fresh process: wall time and peak RSS.
const big = writeProject('big', 115000, 0);
const bigMb = statSync(big.composeFile).size / 1024 / 1024;
const bigRun = spawnSync(
  process.execPath,
  [
    '--input-type=module',
    '-e',
    `const { checkFiles } = await import(${JSON.stringify(path.join(root, 'dist/check-shell/check-files.js'))});
     const started = performance.now();
     const findings = await checkFiles({ composeFile: ${JSON.stringify(big.composeFile)}, probe: false, relativeTo: ${JSON.stringify(big.projectDirectory)} });
     console.log(JSON.stringify({ ms: Math.round(performance.now() - started), findings: findings.length, maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024) }));`,
  ],
  { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
);
let bigResult;
try {
  bigResult = JSON.parse(bigRun.stdout.trim().split('\n').pop());
} catch {
  bigResult = { error: bigRun.stderr.slice(0, 500) };
}

const counts = {};
for (const finding of warm.findings) counts[finding.ruleId] = (counts[finding.ruleId] ?? 0) + 1;
const result = {
  date: new Date().toISOString(),
  rounds: ROUNDS,
  services: SERVICES,
  composeKB: Math.round(composeBytes / 1024),
  docsKB: Math.round(docsBytes / 1024),
  inProcessWarmMedianMs: Math.round(warm.median),
  cliWallMedianMs: Math.round(median(ours)),
  cliComposeOnlyWallMedianMs: Math.round(median(ourComposeOnly)),
  dclintWallMedianMs: Math.round(median(theirs)),
  dclintOverAistack: Number((median(theirs) / median(ourComposeOnly)).toFixed(2)),
  dclintOverAistackInProcess: Number((median(theirs) / warm.median).toFixed(1)),
  scaling,
  scaling4x: Number((scaling[1].ms / scaling[0].ms).toFixed(2)),
  scaling16x: Number((scaling[2].ms / scaling[0].ms).toFixed(2)),
  big: { mb: Number(bigMb.toFixed(1)), ...bigResult },
  loadAverage: loadavg()
    .map((value) => value.toFixed(2))
    .join(' '),
  checkFindings: warm.findings.length,
  dclintFindings,
  checkFindingsByRule: counts,
};
console.log(JSON.stringify(result, null, 2));
if (process.env.KEEP) console.log(directory);
else rmSync(directory, { recursive: true, force: true });
