// Cold `aistack render` of the full preset: a new node process each time, as a user runs it.
// Target (issue 2): under 1 s on this machine. Run with `npm run build && node bench/render.mjs`.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const cli = path.resolve(import.meta.dirname, '../dist/cli/main.js');
const directory = mkdtempSync(path.join(os.tmpdir(), 'aistack-bench-render-'));
const runs = Number(process.env.RUNS ?? 10);
try {
  execFileSync('node', [cli, '-C', directory, 'init', '--preset', 'full', '--domain', 'ai.example.com'], { stdio: 'ignore' });
  const times = [];
  for (let index = 0; index < runs; index += 1) {
    rmSync(path.join(directory, 'compose.yaml'), { force: true });
    const started = process.hrtime.bigint();
    const result = spawnSync('node', [cli, '-C', directory, 'render'], { encoding: 'utf8' });
    const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
    if (result.status !== 0) throw new Error(`render failed: ${result.stderr}`);
    times.push(elapsed);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  const max = times.at(-1);
  console.log(
    JSON.stringify({
      benchmark: 'cold render, full preset',
      runs,
      medianMs: Math.round(median),
      maxMs: Math.round(max),
      targetMs: 1000,
      pass: max < 1000,
    }),
  );
} finally {
  rmSync(directory, { recursive: true, force: true });
}
