import { parse } from 'yaml';
import type { RenderedFile } from '../render/types.js';
import { listManifestChanges } from './manifest-changes.js';
import { collectMountedConfig } from './runtime-override.js';

/**
 * One line saying what a deploy changes compared with the running revision: services added,
 * removed or changed (and how: compose keys, project files they mount, aistack.yaml settings the
 * monitor reads), and other files touched. Pure.
 */
export function describeChanges(
  previous: readonly RenderedFile[] | undefined,
  next: readonly RenderedFile[],
  manifests: { readonly before: string; readonly after: string } = { before: '', after: '' },
): string {
  if (!previous) return 'first deploy';
  const before = composeServices(previous);
  const after = composeServices(next);
  const mountedBefore = collectMountedConfig(previous, manifests.before);
  const mountedAfter = collectMountedConfig(next, manifests.after);
  const contentBefore = new Map(previous.map((file) => [file.path, file.content]));
  const contentAfter = new Map(next.map((file) => [file.path, file.content]));
  const parts: string[] = [];
  for (const id of Object.keys(after).sort()) {
    if (!(id in before)) {
      parts.push(`+${id}`);
      continue;
    }
    const keys = JSON.stringify(before[id]) === JSON.stringify(after[id]) ? [] : changedKeys(before[id], after[id]);
    if (mountedBefore.get(id)?.digest !== mountedAfter.get(id)?.digest) {
      const sources = [...new Set([...(mountedBefore.get(id)?.sources ?? []), ...(mountedAfter.get(id)?.sources ?? [])])].sort();
      for (const source of sources) {
        if (source === 'aistack.yaml') {
          if (manifests.before !== manifests.after)
            keys.push(`aistack.yaml: ${listManifestChanges(manifests.before, manifests.after, 3).join(', ') || 'formatting'}`);
        } else if (contentBefore.get(source) !== contentAfter.get(source)) keys.push(source);
      }
    }
    if (keys.length > 0) parts.push(`~${id} (${keys.join(', ')})`);
  }
  for (const id of Object.keys(before).sort()) if (!(id in after)) parts.push(`-${id}`);
  const nextPaths = new Set(next.map((file) => file.path));
  const files = [
    ...next.filter((file) => file.path !== 'compose.yaml' && contentBefore.get(file.path) !== file.content).map((file) => file.path),
    ...previous.filter((file) => !nextPaths.has(file.path)).map((file) => `-${file.path}`),
  ];
  if (files.length > 0) parts.push(`files: ${files.join(', ')}`);
  return parts.length === 0 ? 'no changes' : parts.join('; ');
}

export function hasSameFiles(a: readonly RenderedFile[], b: readonly RenderedFile[]): boolean {
  if (a.length !== b.length) return false;
  const byPath = new Map(a.map((file) => [file.path, file.content]));
  return b.every((file) => byPath.get(file.path) === file.content);
}

function composeServices(files: readonly RenderedFile[]): Record<string, unknown> {
  const compose = files.find((file) => file.path === 'compose.yaml');
  if (!compose) return {};
  const document = parse(compose.content) as { services?: Record<string, unknown> } | null;
  return document?.services ?? {};
}

function changedKeys(before: unknown, after: unknown): string[] {
  const a = (before ?? {}) as Record<string, unknown>;
  const b = (after ?? {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  return keys.filter((key) => JSON.stringify(a[key]) !== JSON.stringify(b[key]));
}
