import { execFile } from 'node:child_process';

/**
 * Which of `pathspecs` (files or folders, relative to `directory`) git tracks, as paths relative
 * to `directory`. Not a git work tree, or no git: none.
 */
export function gatherTrackedFiles(directory: string, pathspecs: readonly string[]): Promise<string[]> {
  if (pathspecs.length === 0) return Promise.resolve([]);
  return new Promise((resolve) => {
    execFile(
      'git',
      ['ls-files', '-z', '--', ...pathspecs],
      { cwd: directory, timeout: 5000, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout) => {
        if (error) {
          resolve([]);
          return;
        }
        resolve(
          stdout
            .split('\0')
            .filter((file) => file !== '')
            .sort(),
        );
      },
    );
  });
}
