import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { ensureTestImage } from '../../support/images.js';

const run = promisify(execFile);

export interface MonitorTestProject {
  readonly project: string;
  readonly network: string;
  /** IP of a container on the test network (reachable from the host). */
  ipOf(service: string): Promise<string>;
  writeLog(service: string, line: string, stream?: 'stdout' | 'stderr'): Promise<void>;
  stop(service: string): Promise<void>;
  /** `docker kill`: SIGKILL, no grace. */
  kill(service: string): Promise<void>;
  start(service: string): Promise<void>;
  remove(): Promise<void>;
}

export interface TestContainer {
  readonly service: string;
  readonly script: string;
  /** Docker health check command (run by sh). */
  readonly health?: string;
  readonly memory?: string;
}

/** Busybox containers labelled as one compose project on their own network. */
export async function startMonitorTestProject(containers: readonly TestContainer[]): Promise<MonitorTestProject> {
  const image = await ensureTestImage('busybox');
  const project = `aismon-${randomBytes(3).toString('hex')}`;
  const network = `${project}-net`;
  await run('docker', ['network', 'create', '--label', `aistack.test=${project}`, network]);
  const names = new Map<string, string>();
  try {
    for (const container of containers) {
      const name = `${project}-${container.service}-1`;
      names.set(container.service, name);
      await run('docker', [
        'run',
        '-d',
        '--name',
        name,
        '--network',
        network,
        '--label',
        `com.docker.compose.project=${project}`,
        '--label',
        `com.docker.compose.service=${container.service}`,
        '--memory',
        container.memory ?? '64m',
        ...(container.health
          ? // Docker's own retries, as the catalog's health checks have: a loaded machine's slow check is no outage.
            ['--health-cmd', container.health, '--health-interval', '1s', '--health-timeout', '3s', '--health-retries', '3']
          : []),
        image,
        'sh',
        '-c',
        container.script,
      ]);
    }
  } catch (error: unknown) {
    await removeAll(project, network);
    throw error;
  }
  const nameOf = (service: string): string => {
    const name = names.get(service);
    if (!name) throw new Error(`no test service ${service}`);
    return name;
  };
  return {
    project,
    network,
    async ipOf(service) {
      const { stdout } = await run('docker', [
        'inspect',
        '--format',
        `{{(index .NetworkSettings.Networks "${network}").IPAddress}}`,
        nameOf(service),
      ]);
      return stdout.trim();
    },
    async writeLog(service, line, stream = 'stdout') {
      await run('docker', [
        'exec',
        nameOf(service),
        'sh',
        '-c',
        `printf "%s\\n" "$1" > /proc/1/fd/${stream === 'stdout' ? 1 : 2}`,
        'sh',
        line,
      ]);
    },
    async stop(service) {
      await run('docker', ['stop', '-t', '1', nameOf(service)]);
    },
    async kill(service) {
      await run('docker', ['kill', nameOf(service)]);
    },
    async start(service) {
      await run('docker', ['start', nameOf(service)]);
    },
    remove: () => removeAll(project, network),
  };
}

async function removeAll(project: string, network: string): Promise<void> {
  const { stdout } = await run('docker', ['ps', '-aq', '--filter', `label=com.docker.compose.project=${project}`]);
  const ids = stdout.split('\n').filter((id) => id.length > 0);
  if (ids.length > 0) await run('docker', ['rm', '-f', '-v', ...ids]);
  await run('docker', ['network', 'rm', network]).catch(() => undefined);
}
