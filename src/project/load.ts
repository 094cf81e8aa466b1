import { readFile } from 'node:fs/promises';
import { CATALOG_ALIASES, catalog } from '../catalog/index.js';
import type { CatalogEntry } from '../catalog/types.js';
import { ManifestError } from '../errors.js';
import { createLocator } from '../manifest/locate.js';
import { parseManifest } from '../manifest/parse.js';
import type { Manifest } from '../manifest/schema.js';
import { resolveStack } from '../stack/resolve.js';
import type { Stack } from '../stack/types.js';
import { isMissingFile } from '../util/is-missing-file.js';
import { resolveProjectPaths } from './paths.js';
import type { ProjectPaths } from './paths.js';

export interface Project {
  readonly paths: ProjectPaths;
  readonly manifestText: string;
  readonly manifest: Manifest;
  readonly stack: Stack;
}

/** Read aistack.yaml from a project directory, validate it and resolve the Stack. */
export async function loadProject(directory: string, entries: readonly CatalogEntry[] = catalog): Promise<Project> {
  const paths = resolveProjectPaths(directory);
  let manifestText: string;
  try {
    manifestText = await readFile(paths.manifest, 'utf8');
  } catch (error: unknown) {
    if (isMissingFile(error)) {
      throw new ManifestError('AIS_MANIFEST_NOT_FOUND', {
        directory: paths.directory,
        hint: 'run `aistack init` to create one (or `aistack up` to create and start the starter stack)',
        cause: error,
      });
    }
    throw new ManifestError('AIS_MANIFEST_UNREADABLE', { path: paths.manifest, reason: (error as Error).message, cause: error });
  }
  return resolveProjectText(paths, manifestText, entries);
}

/** The retired ids whose successor is among `entries` (`openmemory` → `mem0`). */
export function catalogAliasMap(entries: readonly CatalogEntry[] = catalog): Record<string, string> {
  const ids = new Set(entries.map((entry) => entry.id));
  return Object.fromEntries(CATALOG_ALIASES.filter((alias) => ids.has(alias.to)).map((alias) => [alias.id, alias.to]));
}

/** The same, from text already in memory (render checks, `add`/`remove` before writing). */
export function resolveProjectText(paths: ProjectPaths, manifestText: string, entries: readonly CatalogEntry[] = catalog): Project {
  const file = 'aistack.yaml';
  const manifest = parseManifest(
    manifestText,
    file,
    entries.map((entry) => entry.id),
    catalogAliasMap(entries),
  );
  const stack = resolveStack(manifest, entries, { locate: createLocator(manifestText, file) });
  return { paths, manifestText, manifest, stack };
}
