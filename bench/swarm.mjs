// Swarm target: deploy time, failed requests during a good (start-first) update, and the time a
// failing update takes to be rolled back by Swarm and aistack. It runs the integration test, which
// prints one "swarm bench:" line with the three numbers, on a single-node swarm.
// Usage: npm run build && node bench/swarm.mjs
import { spawnSync } from 'node:child_process';

const result = spawnSync('npx', ['vitest', 'run', 'test/integration/runtime/swarm.test.ts'], { encoding: 'utf8' });
const line = `${result.stdout}\n${result.stderr}`.split('\n').find((candidate) => candidate.includes('swarm bench:'));
process.stdout.write(`${line ?? 'no result: the test failed (see its output)'}\n`);
process.exitCode = line ? 0 : 1;
