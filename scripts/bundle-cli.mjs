// Bundle the CLI that tsc wrote: dist/cli/main.js becomes one ES module plus shared chunks in
// dist/bundle/ (each command still loads on demand), instead of ~160 files resolved and compiled
// one by one at start-up (`aistack check -f` on 1,000 services: issue 15, bench/RESULTS-check.md).
// Packages stay external, loaded from node_modules as before. Run by `npm run build` after tsc;
// without it (tsc alone, as the tests' global setup does) dist/cli/main.js runs unbundled, the same.
// Chunks sit two levels below the root like dist/cli/*.js, so paths taken from import.meta.url
// (../../schemas, ../../package.json, ../../web) resolve the same.
import { build } from 'esbuild';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const entry = path.join(root, 'dist/cli/main.js');
const chunks = path.join(root, 'dist/bundle');

if ((await readFile(entry, 'utf8')).includes('../bundle/')) {
  throw new Error('dist/cli/main.js is already bundled: run tsc -p tsconfig.build.json first (npm run build does both)');
}
await rm(chunks, { recursive: true, force: true });
await build({
  entryPoints: { 'cli/main': entry },
  outdir: path.join(root, 'dist'),
  chunkNames: 'bundle/[name]-[hash]',
  allowOverwrite: true,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  // tsc's source maps are read and carried through, so --debug traces still name src/ files.
  sourcemap: true,
  logLevel: 'warning',
});
