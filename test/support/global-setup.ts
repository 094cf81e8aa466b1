import { execFile } from 'node:child_process';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

/**
 * vitest's globalSetup (vitest.config.ts): runs once before every test file. Tests that run the
 * CLI as a user does need dist/; instead of skipping them when it is missing or stale, build it
 * here (`npm test` has just built it, so this is a check of modification times).
 */
const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');

async function newestModification(directory: string, suffix: string): Promise<number> {
  let newest = 0;
  for (const entry of await readdir(directory, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith(suffix)) continue;
    newest = Math.max(newest, (await stat(path.join(entry.parentPath, entry.name))).mtimeMs);
  }
  return newest;
}

/** Whether dist/ is missing or older than a file under src/. */
export async function isBuildStale(): Promise<boolean> {
  const built = await stat(path.join(root, 'dist/cli/main.js')).then(
    (info) => info.mtimeMs,
    () => undefined,
  );
  if (built === undefined) return true;
  return (await newestModification(path.join(root, 'src'), '.ts')) > (await newestModification(path.join(root, 'dist'), '.js'));
}

export async function setup(): Promise<void> {
  if (!(await isBuildStale())) return;
  const started = Date.now();
  process.stderr.write('globalSetup: dist/ is missing or older than src/; building it (npm run build)\n');
  await run(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', path.join(root, 'tsconfig.build.json')], {
    cwd: root,
    maxBuffer: 16 * 1024 * 1024,
  }).catch((error: unknown) => {
    const output = error as { stdout?: string; stderr?: string };
    throw new Error(`globalSetup: the build failed, so no test that runs the CLI could run:\n${output.stdout ?? ''}${output.stderr ?? ''}`);
  });
  process.stderr.write(`globalSetup: built dist/ in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}
