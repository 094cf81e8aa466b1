import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import path from 'node:path';
import { ProjectError } from '../errors.js';
import { resolveProjectPaths } from './paths.js';
import { isMissingFile } from '../util/is-missing-file.js';

/**
 * The project a command acts on, found the way git finds its repository: `start` (the current
 * directory, or `-C`) or the nearest parent that holds an aistack.yaml. When none does, `start`
 * itself (where `init` and `up` create one).
 */
export async function findProjectDirectory(start: string): Promise<string> {
  const origin = await assertDirectory(start);
  for (let directory = origin; ; directory = path.dirname(directory)) {
    if (await exists(resolveProjectPaths(directory).manifest)) return directory;
    if (path.dirname(directory) === directory) return origin;
  }
}

/** `start` must be an existing directory; returns its absolute path. */
export async function assertDirectory(start: string): Promise<string> {
  const directory = path.resolve(start);
  const info = await stat(directory).catch((error: unknown) => {
    throw new ProjectError('AIS_PROJECT_NO_DIRECTORY', {
      directory,
      hint: `create it (\`mkdir -p ${directory}\`), or point -C at an existing project folder`,
      cause: error,
    });
  });
  if (!info.isDirectory()) {
    throw new ProjectError('AIS_PROJECT_NOT_A_DIRECTORY', {
      path: directory,
      hint: `point -C at the folder that holds aistack.yaml (\`-C ${path.dirname(directory)}\`)`,
    });
  }
  return directory;
}

/** A command that writes the project (aistack.yaml, rendered files, .aistack/) checks first that it can. */
export async function assertWritableProject(directory: string): Promise<void> {
  const paths = resolveProjectPaths(directory);
  for (const target of [paths.directory, paths.state]) {
    try {
      await access(target, constants.W_OK);
    } catch (error: unknown) {
      const code = (error as NodeJS.ErrnoException).code;
      if (isMissingFile(error)) continue;
      throw new ProjectError('AIS_PROJECT_NOT_WRITABLE', {
        directory: target,
        reason: code === 'EROFS' ? 'read-only file system' : 'permission denied',
        hint:
          code === 'EROFS'
            ? 'run aistack on a writable copy of the project (-C <folder>)'
            : `run as the folder's owner, or give this user write access (\`ls -ld ${target}\` shows the owner)`,
        cause: error,
      });
    }
  }
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}
