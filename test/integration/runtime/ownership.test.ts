import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveProjectPaths } from '../../../src/project/paths.js';
import { createEngine } from '../../../src/runtime/engine.js';
import { chooseStackName } from '../../../src/runtime/stack-owner.js';
import { ensureComposeV2 } from '../../support/compose-v2.js';
import { projectContainers, runAistack } from './cli-runner.js';
import type { CliResult } from './cli-runner.js';
import { ensureRuntimeImages } from './runtime-images.js';
import { freePort, removeProject, uniqueProjectName } from './support.js';

const run = promisify(execFile);

const COMPOSES = [
  { label: 'docker-compose 1.29', dockerConfig: async (): Promise<string | undefined> => undefined },
  { label: 'Docker Compose v2', dockerConfig: ensureComposeV2 },
];

/**
 * Two folders whose aistack.yaml have the same `name:` used to share one compose project: `up` in
 * the second removed the first one's containers as orphans, `down` stopped both, the volumes were
 * shared. Now every command run in the second folder refuses, and touches nothing of the first.
 */
describe.each(COMPOSES)('one stack, one owner ($label)', (compose) => {
  const name = uniqueProjectName('aisops-own');
  const folders: string[] = [];
  const projects = new Set([name]);
  let environment: NodeJS.ProcessEnv = process.env;
  let manifest = (_stack: string, _ports: readonly number[]): string => '';
  const aistack = (directory: string, args: readonly string[]): Promise<CliResult> => runAistack(directory, args, { env: environment });

  beforeAll(async () => {
    const dockerConfig = await compose.dockerConfig();
    environment = dockerConfig === undefined ? process.env : { ...process.env, DOCKER_CONFIG: dockerConfig };
    const images = await ensureRuntimeImages();
    const ports = { a: [await freePort(), await freePort()], b: [await freePort(), await freePort()] };
    for (const side of ['a', 'b'] as const) folders.push(await mkdtemp(path.join(os.tmpdir(), `aisops-own-${side}-`)));
    manifest = (stack, [http, https]) =>
      [
        `name: ${stack}`,
        'domain: ai.localhost',
        'images:',
        `  overrides: { proxy: ${images.nginx} }`,
        `proxy: { httpPort: ${http}, httpsPort: ${https}, bind: 127.0.0.1 }`,
        'monitor: { enabled: false }',
        'custom:',
        '  app:',
        `    image: ${images.busybox}`,
        `    command: [sh, -c, "trap 'exit 0' TERM; touch /tmp/ready; while true; do sleep 1; done"]`,
        '    health: { command: [test, -f, /tmp/ready] }',
        // With no route at all the proxy's server_name would be empty (nginx refuses that).
        '    port: 8080',
        '    route: { subdomain: app }',
        '    volumes: [{ name: data, target: /data, backup: tar-stopped }]',
        '',
      ].join('\n');
    await writeFile(path.join(folders[0]!, 'aistack.yaml'), manifest(name, ports.a));
    await writeFile(path.join(folders[1]!, 'aistack.yaml'), manifest(name, ports.b));
  }, 300_000);

  afterAll(async () => {
    for (const folder of folders) await aistack(folder, ['down', '--volumes', '--yes']).catch(() => undefined);
    for (const project of projects) await removeProject(project);
    for (const folder of folders) await rm(folder, { recursive: true, force: true });
  });

  it('refuses every command of the second folder, names the owner and a free name, and runs both once renamed', async () => {
    const [a, b] = folders as [string, string];
    const upA = await aistack(a, ['up']);
    expect(upA.stderr).not.toMatch(/^error:/m);
    expect(upA.code).toBe(0);
    const before = await projectContainers(name);
    expect(Object.keys(before).sort()).toEqual(['app', 'proxy']);
    const { stdout: labels } = await run('docker', [
      'inspect',
      '--format',
      '{{index .Config.Labels "ai.aistack.owner-directory"}}',
      before.app!.id,
    ]);
    expect(labels.trim()).toBe(a);
    const volumes = async (): Promise<string[]> =>
      (await run('docker', ['volume', 'ls', '-q', '--filter', `label=com.docker.compose.project=${name}`])).stdout.trim().split('\n');
    expect(await volumes()).toEqual([`${name}_app-data`]);
    await run('docker', ['exec', before.app!.id, 'sh', '-c', 'echo from-a > /data/owner']);

    const proposal = path.basename(b).toLowerCase();
    const refusal = (result: CliResult): void => {
      expect(result.code, result.stderr).toBe(1);
      expect(result.stderr).toContain(`error: AIS_RUNTIME_STACK_OWNED stack "${name}" on this Docker Engine belongs to ${a} (container `);
      expect(result.stderr).toContain(
        `hint: give this stack its own name: set \`name: ${proposal}\` in ${path.join(b, 'aistack.yaml')}, then run the ` +
          `command again; manage the other stack from its folder (\`aistack -C ${a} status\`)`,
      );
    };
    refusal(await aistack(b, ['up']));
    refusal(await aistack(b, ['deploy', '--force']));
    refusal(await aistack(b, ['restart', 'app']));
    refusal(await aistack(b, ['down']));
    refusal(await aistack(b, ['down', '--volumes', '--yes']));
    refusal(await aistack(b, ['backup', 'app', '--no-verify']));
    // Nothing of A was touched: same containers, still running, its volume and data in place.
    const after = await projectContainers(name);
    const identity = (containers: typeof before): Record<string, unknown> =>
      Object.fromEntries(Object.entries(containers).map(([service, container]) => [service, [container.id, container.startedAt]]));
    expect(identity(after)).toEqual(identity(before));
    expect(after.app!.state).toBe('running');
    expect(await volumes()).toEqual([`${name}_app-data`]);
    expect((await run('docker', ['exec', after.app!.id, 'cat', '/data/owner'])).stdout).toBe('from-a\n');

    // Following the hint: B under its own name runs beside A.
    projects.add(proposal);
    await writeFile(
      path.join(b, 'aistack.yaml'),
      (await readFile(path.join(b, 'aistack.yaml'), 'utf8')).replace(`name: ${name}`, `name: ${proposal}`),
    );
    const upB = await aistack(b, ['up']);
    expect(upB.code, upB.stderr).toBe(0);
    expect(Object.keys(await projectContainers(proposal)).sort()).toEqual(['app', 'proxy']);
    expect(await aistack(b, ['down', '--volumes', '--yes'])).toMatchObject({ code: 0 });
    expect(identity(await projectContainers(name))).toEqual(identity(before));

    // A new folder: init would propose a name from the folder instead of the taken one.
    const c = await mkdtemp(path.join(os.tmpdir(), 'aisops-own-C-'));
    folders.push(c);
    expect(await chooseStackName(createEngine(), resolveProjectPaths(c), name)).toEqual({
      name: path.basename(c).toLowerCase(),
      note:
        `the stack name "${name}" is already used on this Docker Engine by ${a}; this stack is called ` +
        `"${path.basename(c).toLowerCase()}" (\`name:\` in aistack.yaml)`,
    });
    expect(await chooseStackName(createEngine(), resolveProjectPaths(a), name)).toEqual({ name });
  }, 600_000);
});
