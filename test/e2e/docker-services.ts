import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { ensureTestImage } from '../support/images.js';

const run = promisify(execFile);

export interface TestService {
  readonly service: string;
  readonly container: string;
  readonly ip: string;
  /** HTTP port inside the container (busybox httpd). */
  readonly port: number;
}

export interface TestProject {
  /** Compose project name the containers are labelled with. */
  readonly project: string;
  readonly network: string;
  readonly services: readonly TestService[];
  /** Write a line to the container's log (PID 1's stdout), as the app would. */
  writeLog(service: string, line: string): Promise<void>;
  stop(service: string): Promise<void>;
  start(service: string): Promise<void>;
  remove(): Promise<void>;
}

/**
 * Busybox containers labelled like a compose project (so the monitor finds them the way it finds
 * the stack's services): each serves HTTP on 8080 and logs a line every 2 s.
 */
export async function startTestProject(serviceNames: readonly string[]): Promise<TestProject> {
  const image = await ensureTestImage('busybox');
  const suffix = randomBytes(3).toString('hex');
  const project = `aistack-e2e-${suffix}`;
  const network = `${project}-net`;
  await run('docker', ['network', 'create', '--label', `aistack.test=${project}`, network]);
  const services: TestService[] = [];
  const names = new Map<string, string>();
  try {
    for (const service of serviceNames) {
      const container = `${project}-${service}-1`;
      names.set(service, container);
      const script = [
        'mkdir -p /www && echo ok > /www/index.html',
        'httpd -p 8080 -h /www',
        `echo "level=info ${service} started"`,
        `while true; do echo "level=info ${service} tick $(date +%s)"; sleep 2; done`,
      ].join('; ');
      await run('docker', [
        'run',
        '-d',
        '--name',
        container,
        '--network',
        network,
        '--label',
        `com.docker.compose.project=${project}`,
        '--label',
        `com.docker.compose.service=${service}`,
        '--label',
        'com.docker.compose.container-number=1',
        '--memory',
        '64m',
        image,
        'sh',
        '-c',
        script,
      ]);
      services.push({ service, container, ip: await containerIp(container, network), port: 8080 });
    }
  } catch (error: unknown) {
    await removeAll(project, network);
    throw error;
  }
  const nameOf = (service: string): string => {
    const container = names.get(service);
    if (!container) throw new Error(`no test service ${service}`);
    return container;
  };
  return {
    project,
    network,
    services,
    async writeLog(service, line) {
      await run('docker', ['exec', nameOf(service), 'sh', '-c', 'printf "%s\\n" "$1" > /proc/1/fd/1', 'sh', line]);
    },
    async stop(service) {
      await run('docker', ['stop', '-t', '1', nameOf(service)]);
    },
    async start(service) {
      await run('docker', ['start', nameOf(service)]);
    },
    async remove() {
      await removeAll(project, network);
    },
  };
}

async function containerIp(container: string, network: string): Promise<string> {
  const { stdout } = await run('docker', [
    'inspect',
    '--format',
    `{{(index .NetworkSettings.Networks "${network}").IPAddress}}`,
    container,
  ]);
  return stdout.trim();
}

async function removeAll(project: string, network: string): Promise<void> {
  const { stdout } = await run('docker', ['ps', '-aq', '--filter', `label=com.docker.compose.project=${project}`]);
  const ids = stdout.split('\n').filter((id) => id.length > 0);
  if (ids.length > 0) await run('docker', ['rm', '-f', '-v', ...ids]);
  await run('docker', ['network', 'rm', network]).catch(() => undefined);
}
