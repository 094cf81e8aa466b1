import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A compose project name no other test (or parallel run) uses. */
export function uniqueProjectName(prefix: string): string {
  return `${prefix}-${randomBytes(4).toString('hex')}`;
}

/** Remove every container, network and volume a compose project left, by its labels. */
export async function removeProject(project: string): Promise<void> {
  const label = `label=com.docker.compose.project=${project}`;
  const ids = (await run('docker', ['ps', '-aq', '--filter', label])).stdout.split('\n').filter(Boolean);
  if (ids.length > 0) await run('docker', ['rm', '-f', '-v', ...ids]).catch(() => undefined);
  const networks = (await run('docker', ['network', 'ls', '-q', '--filter', label])).stdout.split('\n').filter(Boolean);
  for (const network of networks) await run('docker', ['network', 'rm', network]).catch(() => undefined);
  const volumes = (await run('docker', ['volume', 'ls', '-q', '--filter', label])).stdout.split('\n').filter(Boolean);
  if (volumes.length > 0) await run('docker', ['volume', 'rm', '-f', ...volumes]).catch(() => undefined);
}

/** A busybox service whose health check turns healthy `delaySeconds` after it starts. */
export function delayedHealthyService(image: string, delaySeconds: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    image,
    command: ['sh', '-c', `sleep ${delaySeconds}; touch /tmp/ready; exec sleep 100000`],
    healthcheck: { test: ['CMD', 'test', '-f', '/tmp/ready'], interval: '500ms', timeout: '2s', retries: 3, start_period: '60s' },
    labels: { 'ai.aistack.test': 'true' },
    // busybox as PID 1 ignores SIGTERM: do not wait 10 s for it on every recreate.
    stop_grace_period: '1s',
    ...extra,
  };
}

/** GET a loopback URL; undefined when nothing answers. */
export async function fetchText(url: string): Promise<string | undefined> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(3000) });
    return (await response.text()).trim();
  } catch {
    return undefined;
  }
}

/** A busybox web server that answers `body` on port 8080, healthy when it serves (or never, when `healthy` is false). */
export function webService(image: string, body: string, hostPort: number, healthy = true): Record<string, unknown> {
  return {
    image,
    command: ['sh', '-c', `mkdir -p /www && echo ${body} > /www/index.html && exec httpd -f -p 8080 -h /www`],
    ports: [`127.0.0.1:${hostPort}:8080`],
    stop_grace_period: '1s',
    healthcheck: {
      test: healthy ? ['CMD', 'wget', '-q', '-O', '/dev/null', 'http://127.0.0.1:8080/'] : ['CMD', 'false'],
      interval: '500ms',
      timeout: '2s',
      retries: 2,
      start_period: healthy ? '20s' : '1s',
    },
  };
}

export { freePort } from '../../support/processes.js';
