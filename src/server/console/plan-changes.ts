import { parse } from 'yaml';
import type { RenderedFile } from '../../render/types.js';

/** What applying a new version does to the running stack, by compose service and volume. */
export interface ChangePlan {
  readonly created: readonly string[];
  readonly recreated: readonly string[];
  /** Services whose definition is unchanged but whose mounted project files changed (the proxy reloads its config). */
  readonly reloaded: readonly string[];
  readonly removed: readonly string[];
  readonly unchanged: readonly string[];
  /** Named volumes no service of the new version uses. The console never deletes them. */
  readonly unusedVolumes: readonly string[];
}

interface ComposeModel {
  readonly services: Record<string, Record<string, unknown>>;
  readonly volumes: readonly string[];
}

/**
 * Compare the compose.yaml (and the project files its services mount) of the running revision
 * with the new one. Pure: the caller passes both file sets.
 */
export function planChanges(previous: readonly RenderedFile[] | undefined, next: readonly RenderedFile[]): ChangePlan {
  const before = readCompose(previous ?? []);
  const after = readCompose(next);
  const contentBefore = new Map((previous ?? []).map((file) => [file.path, file.content]));
  const contentAfter = new Map(next.map((file) => [file.path, file.content]));
  const created: string[] = [];
  const recreated: string[] = [];
  const reloaded: string[] = [];
  const unchanged: string[] = [];
  for (const id of Object.keys(after.services).sort()) {
    const old = before.services[id];
    if (old === undefined) created.push(id);
    else if (JSON.stringify(old) !== JSON.stringify(after.services[id])) recreated.push(id);
    else if (mountedFiles(after.services[id]!).some((file) => contentBefore.get(file) !== contentAfter.get(file))) reloaded.push(id);
    else unchanged.push(id);
  }
  const removed = Object.keys(before.services)
    .filter((id) => !(id in after.services))
    .sort();
  const unusedVolumes = before.volumes.filter((volume) => !after.volumes.includes(volume)).sort();
  return { created, recreated, reloaded, removed, unchanged, unusedVolumes };
}

function readCompose(files: readonly RenderedFile[]): ComposeModel {
  const compose = files.find((file) => file.path === 'compose.yaml');
  if (!compose) return { services: {}, volumes: [] };
  const document = (parse(compose.content) ?? {}) as { services?: Record<string, Record<string, unknown>>; volumes?: object };
  return { services: document.services ?? {}, volumes: Object.keys(document.volumes ?? {}) };
}

/** Project files (./proxy/…) a service bind-mounts, as rendered-file paths. */
function mountedFiles(service: Record<string, unknown>): string[] {
  const volumes = Array.isArray(service.volumes) ? (service.volumes as unknown[]) : [];
  const out: string[] = [];
  for (const volume of volumes) {
    const source =
      typeof volume === 'string' ? volume.split(':')[0] : ((volume as { source?: unknown } | null)?.source as string | undefined);
    if (typeof source === 'string' && source.startsWith('./')) out.push(source.slice(2));
  }
  return out;
}
