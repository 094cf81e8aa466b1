import { readFile, writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { closest } from 'fastest-levenshtein';
import { catalog, findCatalogEntry } from '../catalog/index.js';
import { ManifestError } from '../errors.js';
import { addServices, removeServices } from '../manifest/edit.js';
import { resolveProjectPaths } from '../project/paths.js';
import { resolveProjectText } from '../project/load.js';
import { commandOutput, projectDirectory } from './output.js';

function assertKnown(ids: readonly string[]): void {
  for (const id of ids) {
    if (findCatalogEntry(id)) continue;
    const suggestion = closest(
      id,
      catalog.map((entry) => entry.id),
    );
    throw new ManifestError('AIS_MANIFEST_UNKNOWN_SERVICE', {
      id,
      suggestion,
      hint: 'run `aistack services` to list the catalog',
    });
  }
}

async function readManifest(directory: string): Promise<{ file: string; text: string }> {
  const paths = resolveProjectPaths(directory);
  const text = await readFile(paths.manifest, 'utf8').catch((error: unknown) => {
    throw new ManifestError('AIS_MANIFEST_NOT_FOUND', {
      directory: paths.directory,
      hint: 'run `aistack init` first',
      cause: error,
    });
  });
  return { file: paths.manifest, text };
}

/** Enable services in aistack.yaml (comments kept). Returns the services the stack gained, dependencies included. */
export async function addToProject(directory: string, ids: readonly string[]): Promise<string[]> {
  assertKnown(ids);
  const { file, text } = await readManifest(directory);
  const paths = resolveProjectPaths(directory);
  const before = new Set(resolveProjectText(paths, text).stack.services.map((service) => service.id));
  const next = addServices(text, ids);
  const after = resolveProjectText(paths, next).stack.services.map((service) => service.id);
  if (next !== text) await writeFile(file, next);
  return after.filter((id) => !before.has(id));
}

/**
 * Disable services; refuses when another enabled service requires one of them. Returns what was
 * removed and what was not enabled in the first place.
 */
export async function removeFromProject(
  directory: string,
  ids: readonly string[],
): Promise<{ readonly removed: string[]; readonly notEnabled: string[] }> {
  assertKnown(ids);
  const { file, text } = await readManifest(directory);
  const paths = resolveProjectPaths(directory);
  const current = resolveProjectText(paths, text);
  const enabled = new Set(Object.keys(current.manifest.services));
  const remaining = new Set([...enabled].filter((id) => !ids.includes(id)));
  for (const id of ids) {
    const users = [...remaining].filter((other) => findCatalogEntry(other)?.requires.includes(id));
    if (users.length > 0) {
      throw new ManifestError('AIS_MANIFEST_REQUIRED_SERVICE', {
        service: id,
        dependents: users,
        hint: `remove ${users.join(', ')} too, or keep ${id}`,
      });
    }
  }
  const removed = ids.filter((id) => enabled.has(id));
  const notEnabled = ids.filter((id) => !enabled.has(id));
  const next = removeServices(text, removed);
  resolveProjectText(paths, next);
  if (next !== text) await writeFile(file, next);
  return { removed, notEnabled };
}

export function registerAddCommand(program: Command): void {
  program
    .command('add')
    .description('Enable catalog services in aistack.yaml; what they need (PostgreSQL, Redis …) comes with them')
    .argument('<ids...>', 'catalog service ids (see `aistack services`)')
    .action(async (ids: string[], _options: unknown, command: Command) => {
      const added = await addToProject(projectDirectory(command), ids);
      const output = commandOutput(command);
      if (added.length === 0) output.info('Nothing to add: already enabled.');
      else output.info(`Added ${added.join(', ')}. Run \`aistack render\` (or \`aistack deploy\`) to apply.`);
    });
  program
    .command('remove')
    .description('Disable catalog services in aistack.yaml (refused while another service needs them)')
    .argument('<ids...>', 'catalog service ids')
    .action(async (ids: string[], _options: unknown, command: Command) => {
      const { removed, notEnabled } = await removeFromProject(projectDirectory(command), ids);
      const output = commandOutput(command);
      if (notEnabled.length > 0)
        output.info(
          `${notEnabled.join(', ')} ${notEnabled.length === 1 ? 'is' : 'are'} not enabled in aistack.yaml (already removed, ` +
            'or never added): nothing to remove.',
        );
      if (removed.length > 0)
        output.info(
          `Removed ${removed.join(', ')} from aistack.yaml. ${removed.length === 1 ? 'Its' : 'Their'} volumes are kept; \`aistack deploy\` applies the change.`,
        );
    });
}
