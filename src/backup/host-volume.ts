import { mkdir, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { create, extract } from 'tar';
import type { VolumeAccess } from './volume-strategy.js';

/** A directory on this host as a volume (tests, bind mounts, and the project's own files). */
export function createHostVolumeAccess(directory: string): VolumeAccess {
  return {
    description: `directory ${directory}`,
    root: undefined,
    exportTar: async () => create({ cwd: directory, portable: false, preservePaths: false }, ['.']) as unknown as Readable,
    replaceFromTar: async (plain, root) => {
      await mkdir(directory, { recursive: true });
      for (const name of await readdir(directory)) await rm(path.join(directory, name), { recursive: true, force: true });
      await pipeline(plain, extract({ cwd: directory, strip: root ? 1 : 0, strict: true, preserveOwner: process.getuid?.() === 0 }));
    },
  };
}
