import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { createLocator } from '../../../src/manifest/locate.js';
import { resolveProjectText } from '../../../src/project/load.js';
import type { Project } from '../../../src/project/load.js';
import { resolveProjectPaths } from '../../../src/project/paths.js';

export const goldenRoot = path.join(import.meta.dirname, '..', 'golden');
/** The golden cases rendered for the cluster targets. */
export const CLUSTER_CASES = ['full', 'gpu-amd', 'kubernetes-options', 'starter'] as const;

export async function loadGoldenProject(name: string): Promise<Project> {
  const directory = path.join(goldenRoot, name);
  return resolveProjectText(resolveProjectPaths(directory), await readFile(path.join(directory, 'aistack.yaml'), 'utf8'));
}

/** A project from manifest text, with a locator for positioned errors. */
export function projectFromText(text: string): { project: Project; locate: ReturnType<typeof createLocator> } {
  return { project: resolveProjectText(resolveProjectPaths('/nonexistent/project'), text), locate: createLocator(text, 'aistack.yaml') };
}
