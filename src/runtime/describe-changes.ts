import { parse } from 'yaml';
import type { RenderedFile } from '../render/types.js';

/**
 * One line saying what a deploy changes compared with the running revision: services added,
 * removed or changed (and how), and other files touched. Pure.
 */
export function describeChanges(previous: readonly RenderedFile[] | undefined, next: readonly RenderedFile[]): string {
  if (!previous) return 'first deploy';
  const before = composeServices(previous);
  const after = composeServices(next);
  const parts: string[] = [];
  for (const id of Object.keys(after).sort()) {
    if (!(id in before)) parts.push(`+${id}`);
    else if (JSON.stringify(before[id]) !== JSON.stringify(after[id]))
      parts.push(`~${id} (${changedKeys(before[id], after[id]).join(', ')})`);
  }
  for (const id of Object.keys(before).sort()) if (!(id in after)) parts.push(`-${id}`);
  const previousByPath = new Map(previous.map((file) => [file.path, file.content]));
  const nextPaths = new Set(next.map((file) => file.path));
  const files = [
    ...next.filter((file) => file.path !== 'compose.yaml' && previousByPath.get(file.path) !== file.content).map((file) => file.path),
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
