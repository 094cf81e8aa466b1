import { existsSync } from 'node:fs';
import type { ProjectPaths } from '../project/paths.js';
import { openStateStore } from '../runtime/state-store.js';

/** The newest healthy deploy revision, recorded in the manifest; undefined before the first deploy. */
export function readCurrentRevision(paths: ProjectPaths): number | undefined {
  if (!existsSync(paths.stateDatabase)) return undefined;
  try {
    const store = openStateStore(paths.stateDatabase);
    try {
      return store.lastHealthy()?.id;
    } finally {
      store.close();
    }
  } catch {
    return undefined;
  }
}
