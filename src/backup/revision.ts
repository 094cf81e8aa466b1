import { existsSync } from 'node:fs';
import { StoreError } from '../errors.js';
import type { ProjectPaths } from '../project/paths.js';
import { openStateStore } from '../runtime/state-store.js';

/**
 * The newest healthy deploy revision, recorded in the manifest; undefined before the first deploy
 * (no state database). A state database that cannot be opened is an error (AIS_STORE_OPEN_FAILED),
 * not "no revision".
 */
export function readCurrentRevision(paths: ProjectPaths): number | undefined {
  if (!existsSync(paths.stateDatabase)) return undefined;
  const store = openStateStore(paths.stateDatabase);
  try {
    return store.lastHealthy()?.id;
  } catch (error: unknown) {
    throw new StoreError('AIS_STORE_OPEN_FAILED', {
      action: 'read the deploy history in',
      file: paths.stateDatabase,
      reason: (error as Error).message,
      hint: 'if the file is damaged, move it aside (history is lost, running containers are not)',
      cause: error,
    });
  } finally {
    store.close();
  }
}
