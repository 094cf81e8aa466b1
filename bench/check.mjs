// Benchmark of `aistack check` against dclint on the same generated compose project.
// 500 services (every third one with problems), ~300 KB of Markdown docs with some drift.
// Run: npm run build && node bench/check.mjs
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { checkProject } = await import(path.join(root, 'dist/check/check-project.js'));

const SERVICES = 500;
const directory = mkdtempSync(path.join(tmpdir(), 'aistack-bench-check-'));

function composeText() {
  const lines = ['services:'];
  for (let index = 0; index < SERVICES; index += 1) {
    const name = `svc-${String(index).padStart(3, '0')}`;
    const port = 20000 + index;
    lines.push(`  ${name}:`);
    lines.push(`    image: ${index % 3 === 0 ? 'nginx:latest' : 'nginx:1.27.3'}`);
    lines.push('    restart: unless-stopped');
    lines.push(`    ports:\n      - "127.0.0.1:${port}:80"`);
    lines.push(
      `    environment:\n      LOG_LEVEL: info\n      PORT: "${port}"\n      UPSTREAM: http://svc-${String((index + 1) % SERVICES).padStart(3, '0')}:80\n      DB_PASSWORD: \${DB_PASSWORD_${index}:-}`,
    );
    if (index % 5 !== 0)
      lines.push('    healthcheck:\n      test: ["CMD", "wget", "-q", "--spider", "http://localhost/"]\n      interval: 30s');
    if (index % 7 !== 0) lines.push('    deploy:\n      resources:\n        limits:\n          memory: 256m');
    if (index > 0) lines.push(`    depends_on:\n      svc-${String(index - 1).padStart(3, '0')}:\n        condition: service_started`);
  }
  return `${lines.join('\n')}\n`;
}

function docsText(part) {
  const sections = [`# Operations, part ${part}\n`];
  for (let index = 0; index < SERVICES; index += 1) {
    const name = `svc-${String(index).padStart(3, '0')}`;
    const port = index % 50 === 0 ? 40000 + index : 20000 + index;
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

const composeFile = path.join(directory, 'compose.yaml');
writeFileSync(composeFile, composeText());
mkdirSync(path.join(directory, 'docs'));
for (let part = 1; part <= 2; part += 1) writeFileSync(path.join(directory, 'docs', `operations-${part}.md`), docsText(part));
const composeBytes = statSync(composeFile).size;
const docsBytes = [1, 2].reduce((sum, part) => sum + statSync(path.join(directory, 'docs', `operations-${part}.md`)).size, 0);

// In-process: what `render` pays and what the CLI pays after start-up. First run warms the schema compile.
const input = { composeFile, docs: [{ file: path.join(directory, 'docs') }], probe: false, relativeTo: directory };
const timings = [];
let findings = [];
for (let run = 0; run < 6; run += 1) {
  const started = performance.now();
  findings = await checkProject(input);
  timings.push(performance.now() - started);
}
const sortedWarm = timings.slice(1).sort((a, b) => a - b);
const composeOnly = [];
for (let run = 0; run < 5; run += 1) {
  const started = performance.now();
  await checkProject({ ...input, docs: [] });
  composeOnly.push(performance.now() - started);
}
const startedProbe = performance.now();
await checkProject({ ...input, probe: true });
const probeMs = performance.now() - startedProbe;

function wall(command, args) {
  const runs = [];
  let result;
  for (let run = 0; run < 3; run += 1) {
    const started = performance.now();
    result = spawnSync(command, args, { cwd: directory, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    runs.push(performance.now() - started);
  }
  return { median: runs.sort((a, b) => a - b)[1], status: result.status, stdout: result.stdout };
}
const cli = wall(process.execPath, [
  path.join(root, 'dist/cli/main.js'),
  'check',
  '-f',
  composeFile,
  '--docs',
  'docs',
  '--no-probe',
  '--format',
  'json',
]);
// dclint exits before a large report is flushed to a pipe; let it write a file instead.
const cliComposeOnly = wall(process.execPath, [
  path.join(root, 'dist/cli/main.js'),
  'check',
  '-f',
  composeFile,
  '--no-probe',
  '--format',
  'json',
]);
const dclintReport = path.join(directory, 'dclint.json');
const dclint = wall(path.join(root, 'node_modules/.bin/dclint'), [composeFile, '--formatter', 'json', '--output-file', dclintReport]);
let dclintFindings = 'n/a';
try {
  const report = JSON.parse(readFileSync(dclintReport, 'utf8'));
  const byRule = {};
  for (const message of report.flatMap((file) => file.messages)) byRule[message.rule] = (byRule[message.rule] ?? 0) + 1;
  dclintFindings = byRule;
} catch {
  dclintFindings = `unparsed (exit ${dclint.status})`;
}

const counts = {};
for (const finding of findings) counts[finding.ruleId] = (counts[finding.ruleId] ?? 0) + 1;
const result = {
  services: SERVICES,
  composeKB: Math.round(composeBytes / 1024),
  docsKB: Math.round(docsBytes / 1024),
  checkFirstMs: Math.round(timings[0]),
  checkWarmMedianMs: Math.round(sortedWarm[Math.floor(sortedWarm.length / 2)]),
  checkComposeOnlyWarmMedianMs: Math.round(composeOnly.sort((a, b) => a - b)[2]),
  checkWithPortProbeMs: Math.round(probeMs),
  cliWallMedianMs: Math.round(cli.median),
  cliComposeOnlyWallMedianMs: Math.round(cliComposeOnly.median),
  dclintWallMedianMs: Math.round(dclint.median),
  loadAverage: (await import('node:os'))
    .loadavg()
    .map((value) => value.toFixed(2))
    .join(' '),
  checkFindings: findings.length,
  dclintFindings,
  checkFindingsByRule: counts,
};
console.log(JSON.stringify(result, null, 2));
if (process.env.KEEP) console.log(directory);
if (!process.env.KEEP) rmSync(directory, { recursive: true, force: true });
