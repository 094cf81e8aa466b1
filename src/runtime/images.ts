import { DockerError } from '../errors.js';
import { runProcess } from './compose-command.js';
import { INSTALL_DOCKER_HINT } from './docker-error.js';

/** `docker save` every image of the stack into one tar, for a host with no registry. */
export async function saveImages(references: readonly string[], file: string): Promise<void> {
  // `--` ends the options: a reference can never be taken for one (`--output=…`).
  await docker(['save', '--output', file, '--', ...[...new Set(references)].sort()], 'save images');
}

/** `docker load` a tar made by `aistack images save`; returns the references loaded. */
export async function loadImages(file: string): Promise<string[]> {
  const output = await docker(['load', '--input', file], 'load images');
  return output
    .split('\n')
    .map((line) => /^Loaded image(?: ID)?: (.+)$/.exec(line.trim())?.[1])
    .filter((reference): reference is string => reference !== undefined);
}

async function docker(args: readonly string[], action: string): Promise<string> {
  const result = await runProcess('docker', args).catch((error: unknown) => {
    throw new DockerError('AIS_DOCKER_UNAVAILABLE', {
      action,
      runError: (error as Error).message,
      hint: INSTALL_DOCKER_HINT,
      cause: error,
    });
  });
  if (result.code !== 0) {
    throw new DockerError('AIS_RUNTIME_IMAGES_FAILED', {
      command: `${args[0]}`,
      lastLines: result.stderr.trim().split('\n').slice(-3),
      hint:
        args[0] === 'save'
          ? 'every image must be on this host: run `aistack images pull` first (or build and tag the override images)'
          : 'check that the file is a tar written by `aistack images save`',
    });
  }
  return result.stdout;
}
