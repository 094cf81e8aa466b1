import { createHash } from 'node:crypto';
import { parse, stringify } from 'yaml';
import { RELATIVE_PATHS } from '../project/paths.js';
import type { RenderedFile } from '../render/types.js';
import { LABEL_PREFIX } from '../render/compose.js';
import type { StackOwner } from './stack-owner.js';
import { OWNER_DIRECTORY_LABEL, OWNER_LABEL } from './stack-owner.js';

/** The digest of the project files a container mounts; a new value makes compose recreate it. */
export const CONFIG_LABEL = `${LABEL_PREFIX}.config`;

/** What one service mounts from the project and the digest of those bytes. */
export interface MountedConfig {
  /** Project paths it mounts that a revision holds (`proxy/nginx.conf`, `aistack.yaml` …), sorted. */
  readonly sources: readonly string[];
  readonly digest: string;
}

interface ComposeDocument {
  services?: Record<string, { volumes?: unknown[] } | null>;
  networks?: Record<string, unknown>;
  volumes?: Record<string, unknown>;
}

/**
 * Per service, the rendered files (and aistack.yaml) it bind-mounts, with one digest over their
 * bytes. A service whose config lives in a mounted file (the proxy's nginx config, the monitor's
 * aistack.yaml, PostgreSQL's init scripts) keeps the same compose definition when only that file
 * changes, so without this compose would never recreate it. Pure.
 */
export function collectMountedConfig(files: readonly RenderedFile[], manifest: string): Map<string, MountedConfig> {
  const document = readCompose(files);
  const result = new Map<string, MountedConfig>();
  for (const [service, definition] of Object.entries(document.services ?? {})) {
    const matched = new Map<string, string>();
    for (const source of bindSources(definition?.volumes ?? [])) {
      const relative = source.replace(/^\.\//, '').replace(/\/+$/, '');
      if (`./${relative}` === RELATIVE_PATHS.manifest) {
        matched.set('aistack.yaml', manifest);
        continue;
      }
      for (const file of files)
        if (file.path === relative || file.path.startsWith(`${relative}/`)) matched.set(file.path, `${file.mode ?? ''}\0${file.content}`);
    }
    if (matched.size === 0) continue;
    const sources = [...matched.keys()].sort();
    const hash = createHash('sha256');
    for (const source of sources) hash.update(`${source}\0${matched.get(source)}\0`);
    result.set(service, { sources, digest: hash.digest('hex').slice(0, 16) });
  }
  return result;
}

/** Whether two revisions' services mount the same project bytes (a deploy with no other change still has work when not). */
export function hasSameMountedConfig(
  a: { readonly files: readonly RenderedFile[]; readonly manifest: string },
  b: { readonly files: readonly RenderedFile[]; readonly manifest: string },
): boolean {
  const before = collectMountedConfig(a.files, a.manifest);
  const after = collectMountedConfig(b.files, b.manifest);
  return before.size === after.size && [...after].every(([service, config]) => before.get(service)?.digest === config.digest);
}

/**
 * The compose file aistack adds to every revision it applies (`.aistack/revisions/<n>/runtime.yaml`):
 * every container, network and volume is labelled with the owning directory, each container with
 * the digest of the project files it mounts, and the monitor reads the revision's own copy of
 * aistack.yaml (`manifestFile`, relative to the project), so a rollback also rolls its settings back.
 */
export function renderRuntimeOverride(input: {
  readonly files: readonly RenderedFile[];
  readonly manifest: string;
  readonly manifestFile: string;
  readonly owner: StackOwner;
}): string {
  const document = readCompose(input.files);
  const owner = { [OWNER_LABEL]: input.owner.id, [OWNER_DIRECTORY_LABEL]: input.owner.directory };
  const mounted = collectMountedConfig(input.files, input.manifest);
  const services: Record<string, unknown> = {};
  for (const [service, definition] of Object.entries(document.services ?? {})) {
    const config = mounted.get(service);
    const volumes = (definition?.volumes ?? []).flatMap((volume) => {
      const manifestTarget = typeof volume === 'string' ? manifestMountTarget(volume) : undefined;
      return manifestTarget ? [`${input.manifestFile}:${manifestTarget}:ro`] : [];
    });
    services[service] = {
      labels: { ...owner, ...(config ? { [CONFIG_LABEL]: config.digest } : {}) },
      ...(volumes.length > 0 ? { volumes } : {}),
    };
  }
  const labelled = (keys: readonly string[]): Record<string, unknown> =>
    Object.fromEntries([...keys].sort().map((key) => [key, { labels: owner }]));
  const override = {
    services,
    ...(document.networks ? { networks: labelled(Object.keys(document.networks)) } : {}),
    ...(document.volumes ? { volumes: labelled(Object.keys(document.volumes)) } : {}),
  };
  return `# Written by aistack for one revision (owner labels, mounted-config digests); do not edit.\n${stringify(override, { version: '1.1', lineWidth: 0 })}`;
}

function readCompose(files: readonly RenderedFile[]): ComposeDocument {
  const compose = files.find((file) => file.path === 'compose.yaml');
  if (!compose) return {};
  return (parse(compose.content) as ComposeDocument | null) ?? {};
}

/** Host paths of bind mounts that point into the project (`./…`), short or long syntax. */
function bindSources(volumes: readonly unknown[]): string[] {
  const sources: string[] = [];
  for (const volume of volumes) {
    if (typeof volume === 'string') {
      const source = volume.split(':')[0] ?? '';
      if (source.startsWith('./')) sources.push(source);
    } else if (volume && typeof volume === 'object') {
      const source = (volume as { type?: unknown; source?: unknown }).source;
      if ((volume as { type?: unknown }).type === 'bind' && typeof source === 'string' && source.startsWith('./')) sources.push(source);
    }
  }
  return sources;
}

/** The container path of a short-syntax mount of ./aistack.yaml. */
function manifestMountTarget(volume: string): string | undefined {
  const [source, target] = volume.split(':');
  return source === RELATIVE_PATHS.manifest ? target : undefined;
}
