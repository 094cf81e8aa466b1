import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBuiltCli } from '../support/built-cli.js';
import type { CliResult } from '../support/built-cli.js';
import { ensureTestImage } from '../support/images.js';
import { startTestRegistry } from '../support/registry.js';
import type { TestRegistry } from '../support/registry.js';
import { ensureRuntimeImages } from '../integration/runtime/runtime-images.js';
import { fetchText, freePort, removeProject, uniqueProjectName } from '../integration/runtime/support.js';

/**
 * The newcomer's path on real Docker, on a host whose registry mirror lacks most images:
 * init → edit → render → check → doctor → up (refused: every missing image listed, nothing
 * created) → images save on a "connected host" → images load here → up from a subfolder (the one
 * image the mirror has is pulled) → a healthy stack that serves through its direct port.
 */
const run = promisify(execFile);
const name = uniqueProjectName('aisnew').replace(/-/g, '_');
let directory = '';
let registry: TestRegistry | undefined;
const tagged: string[] = [];

async function projectObjects(): Promise<string[]> {
  const label = `label=com.docker.compose.project=${name}`;
  const lists = await Promise.all([
    run('docker', ['ps', '-aq', '--filter', label]),
    run('docker', ['network', 'ls', '-q', '--filter', label]),
    run('docker', ['volume', 'ls', '-q', '--filter', label]),
  ]);
  return lists.flatMap((list) => list.stdout.split('\n').filter(Boolean));
}

function jsonLines(result: CliResult): Record<string, unknown>[] {
  return result.stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

beforeAll(async () => {
  directory = await mkdtemp(path.join(os.tmpdir(), 'aistack-newcomer-'));
  await run('git', ['init', '--quiet', directory]);
}, 60_000);

afterAll(async () => {
  if (directory) await runBuiltCli(['-C', directory, 'down', '--volumes', '--yes'], { timeoutMs: 180_000 }).catch(() => undefined);
  await removeProject(name);
  for (const reference of tagged) await run('docker', ['rmi', reference]).catch(() => undefined);
  await registry?.close();
  if (directory) await rm(directory, { recursive: true, force: true });
}, 240_000);

describe('a newcomer on a host without the images', () => {
  it('goes from init to a healthy stack, told at each step what is missing and how to get it', async () => {
    const images = await ensureRuntimeImages();
    const busybox = await ensureTestImage('busybox');
    registry = await startTestRegistry();
    const [httpPort, httpsPort, webPort] = [await freePort(), await freePort(), await freePort()];
    const cli = (args: readonly string[], cwd = directory): Promise<CliResult> => runBuiltCli(args, { cwd, timeoutMs: 480_000 });

    const init = await cli(['init', '--name', name]);
    expect(init.code).toBe(0);
    expect(await readFile(path.join(directory, '.gitignore'), 'utf8')).toContain('.aistack/\n');

    // The newcomer trims the starter to what this host can run and points at the team's mirror.
    await writeFile(
      path.join(directory, 'aistack.yaml'),
      [
        `name: ${name}`,
        'domain: ai.localhost',
        'services:',
        '  postgres: {}',
        '  redis: {}',
        'images:',
        `  registry: ${registry.host}/mirror`,
        `proxy: { httpPort: ${httpPort}, httpsPort: ${httpsPort}, bind: 127.0.0.1 }`,
        'monitor: { enabled: false }',
        'custom:',
        '  web:',
        `    image: ${busybox}`,
        '    command: [sh, -c, "mkdir -p /www && echo hello newcomer > /www/index.html && exec httpd -f -p 8080 -h /www"]',
        '    port: 8080',
        '    health: { http: / }',
        '    route: { subdomain: web }',
        `    directPort: ${webPort}`,
        '    dependsOn: [postgres, redis]',
        '',
      ].join('\n'),
    );
    const rendered = await cli(['render']);
    expect(rendered.stderr).toBe('');
    expect(rendered.code).toBe(0);
    const checked = await cli(['check']);
    expect(checked.stderr).toBe('');
    expect(checked.code).toBe(0);

    const list = JSON.parse((await cli(['images', 'list', '--json'])).stdout) as { service: string; image: string; present: boolean }[];
    const imageOf = Object.fromEntries(list.map((row) => [row.service, row.image]));
    expect(imageOf.postgres).toMatch(new RegExp(`^${registry.host}/mirror/postgres:`));
    expect(list.filter((row) => !row.present).map((row) => row.service)).toEqual(['postgres', 'proxy', 'redis']);
    // The mirror has the proxy's image only.
    await registry.add(images.nginx, imageOf.proxy!.slice(registry.host.length + 1));

    const doctor = await cli(['doctor', '--json']);
    expect(doctor.code).toBe(1);
    const checks = (JSON.parse(doctor.stdout) as { checks: { name: string; status: string; detail: string }[] }).checks;
    expect(checks.filter((check) => check.name.startsWith('image')).map((check) => [check.name, check.status])).toEqual([
      [`image ${imageOf.proxy}`, 'warn'],
      [`image ${imageOf.postgres}`, 'fail'],
      [`image ${imageOf.redis}`, 'fail'],
      ['images', 'fail'],
    ]);

    // `up` from a subfolder finds the stack, and refuses before creating anything.
    const notes = path.join(directory, 'notes');
    await mkdir(notes);
    const refused = await cli(['up'], notes);
    expect(refused.code).toBe(1);
    const message = refused.stderr.split('\n');
    expect(message[0]).toBe(
      'error: AIS_RUNTIME_IMAGES_MISSING 3 of 4 images the stack needs are not on this host, and 2 cannot be pulled; nothing was created:',
    );
    expect(message.find((line) => line.includes(imageOf.proxy!))).toMatch(/proxy +can be pulled$/);
    expect(message.find((line) => line.includes(imageOf.postgres!))).toMatch(/postgres +cannot be pulled: .*manifest unknown/);
    expect(message).toContain('Ways out:');
    expect(await projectObjects()).toEqual([]);
    expect(existsSync(path.join(directory, '.aistack', 'secrets'))).toBe(false);
    expect(existsSync(path.join(notes, 'aistack.yaml'))).toBe(false);

    // A connected host has the images under the mirror's names; `images save` names what it lacks.
    for (const [service, local] of [
      ['postgres', images.postgres],
      ['redis', images.redis],
    ] as const) {
      await run('docker', ['tag', local, imageOf[service]!]);
      tagged.push(imageOf[service]!);
    }
    const tar = path.join(directory, 'stack-images.tar');
    expect((await cli(['images', 'save', '-o', tar])).stderr).toBe(
      `error: AIS_RUNTIME_IMAGES_MISSING 1 of 4 images are not on this host, so they cannot be saved:\n  ${imageOf.proxy} ` +
        `(proxy)\nhint: run \`aistack images pull\` first (or build and tag the override images)\n`,
    );
    await run('docker', ['tag', images.nginx, imageOf.proxy!]);
    tagged.push(imageOf.proxy!);
    expect((await cli(['images', 'save', '-o', tar])).stdout).toBe(
      `Saved 4 images to ${tar}. On the offline host: aistack images load -i ${tar}\n`,
    );
    // Back on this host: the mirror's names are gone again; the tar brings them.
    for (const reference of tagged) await run('docker', ['rmi', reference]);
    const loaded = await cli(['images', 'load', '-i', tar]);
    expect(loaded.code).toBe(0);
    expect(loaded.stdout).toContain(`loaded ${imageOf.postgres}`);
    // The proxy's image is left to the mirror: `up` pulls it, with progress.
    await run('docker', ['rmi', imageOf.proxy!]);

    const up = await cli(['up', '--json'], notes);
    expect(up.stderr).toBe('');
    expect(up.code).toBe(0);
    const events = jsonLines(up);
    expect(events.filter((event) => event.event === 'pull').at(-1)).toMatchObject({
      event: 'pull',
      reference: imageOf.proxy,
      phase: 'done',
    });
    const phases = events.filter((event) => event.event === 'service').map((event) => `${String(event.service)} ${String(event.phase)}`);
    expect(phases).toEqual(expect.arrayContaining(['postgres healthy', 'redis healthy', 'web healthy', 'proxy healthy']));
    expect(phases.indexOf('web starting')).toBeGreaterThan(phases.indexOf('postgres healthy'));
    expect(events.at(-1)).toMatchObject({ event: 'up', stack: name, revision: 1, status: 'healthy' });
    expect(await fetchText(`http://127.0.0.1:${webPort}/`)).toBe('hello newcomer');
    expect(existsSync(path.join(notes, '.aistack'))).toBe(false);

    // Reading the running stack: pipes that close early, a typo in a service name.
    expect(await runBuiltCli(['status'], { cwd: notes, closeStdout: true })).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(await runBuiltCli(['logs'], { cwd: notes, closeStdout: true })).toEqual({ code: 0, stdout: '', stderr: '' });
    expect((await cli(['logs', 'wbe'], notes)).stderr).toBe(
      `error: AIS_RUNTIME_UNKNOWN_SERVICE stack ${name} has no service "wbe"; did you mean "web"?\nhint: the services are: postgres, proxy, redis, web\n`,
    );
    const logLines = jsonLines(await cli(['logs', 'web', '--json', '--tail', '5'], notes));
    expect(logLines.every((line) => line.service === 'web' && typeof line.text === 'string')).toBe(true);
  }, 900_000);
});
