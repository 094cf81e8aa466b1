import { execFile, spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectContainers, runAistack, startAistack } from './cli-runner.js';
import type { CliResult } from './cli-runner.js';
import { ensureRuntimeImages } from './runtime-images.js';
import { freePort, removeProject, uniqueProjectName } from './support.js';

const run = promisify(execFile);

/**
 * Operations on a running stack, one at a time, and what Ctrl-C leaves: the stack lock (waiting,
 * --no-wait, a dead holder taken over), rollback keeping edits that were never deployed, a deploy
 * interrupted mid-rollout and a restore interrupted while its service is stopped.
 */
describe('one operation at a time, and interrupts (docker-compose 1.29)', () => {
  const name = uniqueProjectName('aisops-ops');
  let directory = '';
  let manifest = (_version: string, _delaySeconds: number): string => '';
  const aistack = (args: readonly string[]): Promise<CliResult> => runAistack(directory, args);
  const write = (version: string, delaySeconds: number): Promise<void> =>
    writeFile(path.join(directory, 'aistack.yaml'), manifest(version, delaySeconds));
  const appVersion = async (): Promise<string> => {
    const app = (await projectContainers(name)).app!;
    return (await run('docker', ['exec', app.id, 'cat', '/tmp/version'])).stdout.trim();
  };
  const history = async (): Promise<[number, string, string][]> =>
    (JSON.parse((await aistack(['history', '--json'])).stdout) as { id: number; kind: string; result: string }[]).map((revision) => [
      revision.id,
      revision.kind,
      revision.result,
    ]);

  beforeAll(async () => {
    const images = await ensureRuntimeImages();
    directory = await mkdtemp(path.join(os.tmpdir(), 'aisops-ops-'));
    const [httpPort, httpsPort] = [await freePort(), await freePort()];
    manifest = (version, delaySeconds) =>
      [
        `name: ${name}`,
        'domain: ai.localhost',
        'images:',
        `  overrides: { proxy: ${images.nginx} }`,
        `proxy: { httpPort: ${httpPort}, httpsPort: ${httpsPort}, bind: 127.0.0.1 }`,
        'monitor: { enabled: false }',
        'custom:',
        '  app:',
        `    image: ${images.busybox}`,
        `    command: [sh, -c, "trap 'exit 0' TERM; sleep ${delaySeconds}; echo ${version} > /tmp/version; touch /tmp/ready; while true; do sleep 1; done"]`,
        '    health: { command: [test, -f, /tmp/ready] }',
        '    volumes: [{ name: data, target: /data, backup: tar-stopped }]',
        '  web:',
        `    image: ${images.busybox}`,
        `    command: [sh, -c, "trap 'exit 0' TERM; mkdir -p /www && echo web > /www/index.html && httpd -f -p 8080 -h /www & wait"]`,
        '    port: 8080',
        '    health: { http: / }',
        '    ownLogin: true',
        '    route: { subdomain: web }',
        '    dependsOn: [app]',
        '',
      ].join('\n');
    await write('one', 0);
  }, 300_000);

  afterAll(async () => {
    if (directory) await aistack(['down', '--volumes', '--yes']).catch(() => undefined);
    await removeProject(name);
    if (directory) await rm(directory, { recursive: true, force: true });
  });

  it('lets one command change the stack at a time, keeps undeployed edits, and takes over a dead holder', async () => {
    const up = await aistack(['up']);
    expect(up.code, up.stderr).toBe(0);

    // A deploy holds the lock: --no-wait refuses at once, a rollback waits for it, saying for what.
    await write('two', 8);
    const deploy = startAistack(directory, ['deploy']);
    await deploy.waitFor(/… app\s+starting/);
    const pid = deploy.child.pid!;
    const refused = await aistack(['restart', 'web', '--no-wait']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      `error: AIS_RUNTIME_LOCKED another aistack command is changing this stack: deploy (pid ${pid}, started at `,
    );
    expect(refused.stderr).toContain(`hint: wait for it to finish (without --no-wait the command waits), or stop it (\`kill ${pid}\`)`);
    const rollback = startAistack(directory, ['rollback']);
    await rollback.waitFor(new RegExp(`Waiting for deploy \\(pid ${pid}, started at \\S+\\) to finish… \\(Ctrl-C stops waiting\\)`));
    expect((await deploy.done).code).toBe(0);
    const rolledBack = await rollback.done;
    expect(rolledBack.code, rolledBack.stderr).toBe(0);
    expect(rolledBack.stdout).toBe('Rolled back: revision 3 (= revision 1) is healthy.\n');
    expect(await history()).toEqual([
      [3, 'rollback', 'healthy'],
      [2, 'deploy', 'healthy'],
      [1, 'deploy', 'healthy'],
    ]);
    expect(await appVersion()).toBe('one');

    // Edits never deployed are not overwritten without asking; with --yes they are kept aside.
    await write('three', 0);
    const edited = manifest('three', 0);
    const asked = await aistack(['rollback']);
    expect(asked.code).toBe(1);
    expect(asked.stderr).toContain(
      'error: AIS_RUNTIME_UNDEPLOYED_EDITS aistack.yaml has changes that were never deployed (custom.app.command[2]; ' +
        "revision 3 runs); rolling back would replace them with revision 2's",
    );
    expect(asked.stderr).toMatch(
      /hint: deploy them first \(`aistack deploy`\), or run `aistack rollback --yes` to keep the edited file as aistack\.yaml\.\d{8}T\d{6}Z\.bak and roll back/,
    );
    expect(await readFile(path.join(directory, 'aistack.yaml'), 'utf8')).toBe(edited);
    const kept = await aistack(['rollback', '--yes']);
    expect(kept.code, kept.stderr).toBe(0);
    const backups = (await readdir(directory)).filter((file) => /^aistack\.yaml\.\d{8}T\d{6}Z\.bak$/.test(file));
    expect(backups).toHaveLength(1);
    expect(kept.stderr).toContain(`Kept your edited aistack.yaml as ${path.join(directory, backups[0]!)}.`);
    expect(await readFile(path.join(directory, backups[0]!), 'utf8')).toBe(edited);
    expect(await readFile(path.join(directory, 'aistack.yaml'), 'utf8')).toBe(manifest('two', 8));
    expect(await appVersion()).toBe('two');

    // A holder that died (kill -9) leaves its lock behind; the next command takes it over.
    await write('four', 6);
    const killed = startAistack(directory, ['deploy']);
    await killed.waitFor(/… app\s+starting/);
    killed.child.kill('SIGKILL');
    await killed.done;
    const restart = await aistack(['restart', 'web', '--no-wait']);
    expect(restart.code, restart.stderr).toBe(0);
    expect(restart.stderr).toMatch(
      new RegExp(`^Took over the lock of deploy \\(pid ${killed.child.pid}, started at \\S+\\): that process is gone`, 'm'),
    );
    const finish = await aistack(['up']);
    expect(finish.code, finish.stderr).toBe(0);
    expect(finish.stderr).toContain(`Revision 5 was interrupted (aistack pid ${killed.child.pid} is gone); finishing it.`);
    expect(await appVersion()).toBe('four');
  }, 600_000);

  it('Ctrl-C during a rollout stops it and puts the last healthy revision back', async () => {
    await write('five', 30);
    const deploy = startAistack(directory, ['deploy']);
    await deploy.waitFor(/… app\s+starting/);
    // As a terminal does: the whole foreground process group gets SIGINT (compose too, if it were in it).
    deploy.signalGroup('SIGINT');
    const result = await deploy.done;
    expect(result.code, result.stderr).toBe(130);
    expect(result.stderr).toContain(
      'Interrupted (SIGINT): no further service starts, and the stack goes back to the last healthy revision. Press Ctrl-C again to exit at once.',
    );
    expect(result.stderr).toContain('Revision 6 interrupted (SIGINT); rolling back to revision 5.');
    expect(result.stderr).toMatch(
      new RegExp(
        String.raw`error: AIS_RUNTIME_INTERRUPTED revision 6 was interrupted \(SIGINT\) and rolled back; revision 5 runs again, ` +
          String.raw`every service ready\nat the interrupt: app started, not ready, proxy \w+, web not started\n`,
      ),
    );
    expect(result.stderr).toContain('hint: aistack.yaml still has the change: `aistack deploy` tries it again');
    expect((await history())[0]).toEqual([6, 'deploy', 'rolled-back']);
    expect(await appVersion()).toBe('four');
    const containers = await projectContainers(name);
    expect(Object.values(containers).map((container) => container.state)).toEqual(['running', 'running', 'running']);

    // A second Ctrl-C exits at once, saying what is left and the command that finishes it.
    await write('six', 30);
    const forced = startAistack(directory, ['deploy']);
    await forced.waitFor(/… app\s+starting/);
    forced.signalGroup('SIGINT');
    await forced.waitFor(/Revision 7 interrupted \(SIGINT\); rolling back to revision 5\./);
    forced.signalGroup('SIGINT');
    const exited = await forced.done;
    expect(exited.code).toBe(130);
    expect(exited.stderr).toMatch(
      /Exiting at once \(SIGINT again\)\. Going back to revision 5 was cut short \([^)]*\): `aistack rollback 5` finishes it\.\n$/,
    );
    expect((await history())[0]).toEqual([7, 'deploy', 'failed']);
    const finished = await aistack(['rollback', '5', '--yes']);
    expect(finished.code, finished.stderr).toBe(0);
    expect(await appVersion()).toBe('four');
  }, 400_000);

  it('Ctrl-C during a restore starts what it stopped again and says what was restored', async () => {
    await write('four', 6);
    const backup = await aistack(['backup', 'app', '--no-verify']);
    expect(backup.code, backup.stderr).toBe(0);
    const id = backup.stdout.split(/\s+/)[0]!;
    // Ctrl-C the moment the restore has stopped app (the Engine reports the container's death).
    const events = spawn('docker', [
      'events',
      '--filter',
      `label=com.docker.compose.project=${name}`,
      '--filter',
      'event=die',
      '--format',
      '{{.ID}}',
    ]);
    const restore = startAistack(directory, ['restore', id, 'app', '--yes']);
    await new Promise<void>((resolve) => events.stdout.once('data', () => resolve()));
    restore.signalGroup('SIGINT');
    events.kill();
    const result = await restore.done;
    expect(result.code, result.stderr).toBe(130);
    expect(result.stderr).toContain('started app again');
    expect(result.stderr).toMatch(
      new RegExp(
        `error: AIS_BACKUP_INTERRUPTED the restore of ${id} was interrupted; restored: .*; not restored: .*; every service it stopped runs again`,
      ),
    );
    const app = (await projectContainers(name)).app!;
    expect([app.state, app.health]).toEqual(['running', 'healthy']);
  }, 300_000);

  it('Ctrl-C during a backup starts the service it stopped again and keeps no archive', async () => {
    const backupsDirectory = path.join(directory, '.aistack/backups');
    const before = (await readdir(backupsDirectory)).sort();
    // Ctrl-C the moment the backup has stopped app for its volume copy.
    const events = spawn('docker', [
      'events',
      '--filter',
      `label=com.docker.compose.project=${name}`,
      '--filter',
      'event=die',
      '--format',
      '{{.ID}}',
    ]);
    const backup = startAistack(directory, ['backup', 'app', '--no-verify']);
    await new Promise<void>((resolve) => events.stdout.once('data', () => resolve()));
    backup.signalGroup('SIGINT');
    events.kill();
    const result = await backup.done;
    expect(result.code, result.stderr).toBe(130);
    expect(result.stderr).toContain(
      'Interrupted (SIGINT): the part being copied finishes, a service stopped for it starts again, and no archive is kept.',
    );
    expect(result.stderr).toContain(
      'error: AIS_BACKUP_INTERRUPTED the backup was interrupted: no archive was kept (the partial one is removed), and every service it stopped runs again',
    );
    expect((await readdir(backupsDirectory)).sort()).toEqual(before);
    const app = (await projectContainers(name)).app!;
    expect([app.state, app.health]).toEqual(['running', 'healthy']);
  }, 300_000);
});
