import { DockerError } from '../errors.js';

/** How to get Docker on a Debian/Ubuntu host, for every "Docker is missing" message. */
export const INSTALL_DOCKER_HINT =
  'install Docker and start it: `apt-get install docker.io docker-compose && systemctl enable --now docker` ' +
  '(without systemd: `dockerd >/var/log/dockerd.log 2>&1 &`); then add your user to the docker group: `usermod -aG docker $USER`';

/** Translate an error from the Engine API or the compose command into a DockerError with a hint. */
export function wrapDockerError(error: unknown, action: string): DockerError {
  if (error instanceof DockerError) return error;
  const code = (error as { code?: unknown }).code;
  const status = (error as { statusCode?: unknown }).statusCode;
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'ENOENT' || code === 'ECONNREFUSED') {
    const address = (error as { address?: unknown }).address;
    const where = typeof address === 'string' ? address : dockerSocketDescription();
    return new DockerError('AIS_DOCKER_UNAVAILABLE', {
      action,
      problem: code === 'ENOENT' ? 'no socket' : 'connection refused',
      address: where,
      hint: INSTALL_DOCKER_HINT,
      cause: error,
    });
  }
  if (code === 'EACCES') {
    return new DockerError('AIS_DOCKER_PERMISSION', {
      socket: dockerSocketDescription(),
      action,
      hint: 'add your user to the docker group (`sudo usermod -aG docker $USER`, then log in again) or run as root',
      cause: error,
    });
  }
  if (status === 404) {
    return new DockerError('AIS_DOCKER_NOT_FOUND', {
      action,
      reason: firstLine(message),
      hint: 'run `aistack status` to see what exists',
      cause: error,
    });
  }
  return new DockerError('AIS_DOCKER_FAILED', {
    action,
    reason: firstLine(message),
    hint: 'run `aistack doctor` to check the Docker host',
    cause: error,
  });
}

export function dockerSocketDescription(): string {
  return process.env.DOCKER_HOST ?? '/var/run/docker.sock';
}

function firstLine(text: string): string {
  return (
    text
      .split('\n')
      .find((line) => line.trim() !== '')
      ?.trim() ?? text
  );
}
