import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, copyFile, mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { readDebianMirror } from './images.js';

const run = promisify(execFile);

/** Where the plugin is kept between runs on one machine. */
const CACHE = path.join(os.homedir(), '.cache', 'aistack-test', 'compose-v2');
/** Debian's compose v2 package comes from the suite after bookworm (bookworm has only 1.29). */
const SUITE = 'trixie';

/**
 * A DOCKER_CONFIG directory whose cli-plugins hold Docker Compose v2, so that `docker compose`
 * works for a process given `DOCKER_CONFIG=<it>` while every other process keeps Debian's
 * docker-compose 1.29. The plugin is Debian's own package (a static Go program), fetched once
 * from the mirror apt is configured with and unpacked, not installed: installing it would
 * replace docker-compose 1.29, which the rest of the tests use.
 */
export async function ensureComposeV2(): Promise<string> {
  const plugin = path.join(CACHE, 'cli-plugins', 'docker-compose');
  if (existsSync(plugin)) return CACHE;
  const mirror = readDebianMirror().replace(/\/$/, '');
  const architecture = (await run('dpkg', ['--print-architecture'])).stdout.trim();
  const work = await mkdtemp(path.join(os.tmpdir(), 'aistack-compose-v2-'));
  try {
    const index = path.join(work, 'Packages.xz');
    await download(`${mirror}/dists/${SUITE}/main/binary-${architecture}/Packages.xz`, index);
    const packages = (await run('xz', ['-dc', index], { maxBuffer: 512 * 1024 * 1024 })).stdout;
    const stanza = packages.split('\n\n').find((entry) => /^Package: docker-compose$/m.test(entry));
    const filename = stanza && /^Filename: (\S+)$/m.exec(stanza)?.[1];
    if (!filename) throw new Error(`no docker-compose package in ${SUITE} on ${mirror}`);
    const deb = path.join(work, 'docker-compose.deb');
    await download(`${mirror}/${filename}`, deb);
    await run('dpkg-deb', ['-x', deb, path.join(work, 'root')]);
    await mkdir(path.dirname(plugin), { recursive: true });
    const staged = `${plugin}.partial`;
    await copyFile(path.join(work, 'root', 'usr', 'libexec', 'docker', 'cli-plugins', 'docker-compose'), staged);
    await chmod(staged, 0o755);
    await rename(staged, plugin);
    return CACHE;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

async function download(url: string, target: string): Promise<void> {
  const response = await fetch(url, { signal: AbortSignal.timeout(300_000) });
  if (!response.ok) throw new Error(`GET ${url}: HTTP ${response.status}`);
  await writeFile(target, Buffer.from(await response.arrayBuffer()));
}
