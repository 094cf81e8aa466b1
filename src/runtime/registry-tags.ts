import { createHash } from 'node:crypto';
import type { TagFacts } from '../upgrade/plan.js';
import type { RegistryClient, RegistryClientOptions } from './registry-client.js';
import { createRegistryClient } from './registry-client.js';

/**
 * The part of the Registry HTTP API V2 / OCI Distribution spec an upgrade plan needs: the tags of
 * a repository (`GET /v2/<name>/tags/list?n=…`, following `Link: <…>; rel="next"`), and for each
 * candidate its manifest digest (`Docker-Content-Digest`, else the sha256 of the manifest) and
 * build time (the `created` of the image config blob; for a manifest list or OCI image index,
 * of the entry for this host's platform, else linux/amd64). Bounded: pages, tags inspected,
 * requests and time (see RegistryClientOptions).
 */
export interface RegistryTagsOptions extends RegistryClientOptions {
  /** Only these tags get a digest and build time (the newer candidates). */
  readonly inspect?: (tags: readonly string[]) => readonly string[];
  /** Tags asked for per page (`?n=`). @default 500 */
  readonly pageSize?: number;
  /** Pages of tags read at most; the listing stops there. @default 10 */
  readonly maxPages?: number;
  /** At most this many tags are inspected (the last of `inspect`'s list). @default 20 */
  readonly maxInspected?: number;
  /** The platform whose image an index is resolved to. @default this host's (linux/amd64 on x64) */
  readonly platform?: { readonly os: string; readonly architecture: string; readonly variant?: string };
}

export interface RegistryTags {
  readonly tags: TagFacts[];
  /** The listing stopped at `maxPages` pages; older or newer tags may be missing. */
  readonly truncated: boolean;
}

const IMAGE_MANIFEST = ['application/vnd.docker.distribution.manifest.v2+json', 'application/vnd.oci.image.manifest.v1+json'];
const IMAGE_INDEX = ['application/vnd.docker.distribution.manifest.list.v2+json', 'application/vnd.oci.image.index.v1+json'];
const ACCEPT = [...IMAGE_MANIFEST, ...IMAGE_INDEX].join(', ');

/** Where the Registry API of `host` is and what `name` is called there, as the docker CLI does it. */
export function resolveRegistryRepository(host: string, name: string): { readonly host: string; readonly name: string } {
  // Docker Hub: the API lives on registry-1.docker.io and official images are under library/.
  // Every other registry (a mirror included) gets the name exactly as the reference spells it.
  if (host === 'docker.io' || host === 'index.docker.io' || host === 'registry-1.docker.io') {
    return { host: 'registry-1.docker.io', name: name.includes('/') ? name : `library/${name}` };
  }
  return { host, name };
}

/** Throws AIS_UPGRADE_REGISTRY_FAILED with the reason when the registry cannot be read. */
export async function listRegistryTags(host: string, repository: string, options: RegistryTagsOptions = {}): Promise<RegistryTags> {
  const resolved = resolveRegistryRepository(host, repository);
  const client = createRegistryClient(resolved.host, resolved.name, options);
  const { tags, truncated } = await readTagList(client, options.pageSize ?? 500, options.maxPages ?? 10);
  const chosen = options.inspect ? options.inspect(tags) : [];
  const inspected = new Set(chosen.slice(-(options.maxInspected ?? 20)));
  const platform = options.platform ?? hostPlatform();
  const facts: TagFacts[] = [];
  for (const tag of tags) {
    facts.push(inspected.has(tag) ? await inspectTag(client, tag, platform) : { tag });
  }
  return { tags: facts, truncated };
}

async function readTagList(client: RegistryClient, pageSize: number, maxPages: number): Promise<{ tags: string[]; truncated: boolean }> {
  const found = new Set<string>();
  let url: string | undefined = `${client.base}/tags/list?n=${pageSize}`;
  let pages = 0;
  while (url !== undefined && pages < maxPages) {
    pages += 1;
    const response = await client.request(url);
    const body = (await client.readJson(response, 'tags/list')) as { tags?: unknown };
    // A repository with no tags may answer `"tags": null`.
    if (Array.isArray(body.tags)) for (const tag of body.tags) if (typeof tag === 'string') found.add(tag);
    url = nextPage(response.headers.get('link'), url);
  }
  return { tags: [...found].sort(), truncated: url !== undefined };
}

/** The `rel="next"` target of an RFC 8288 Link header, resolved against the page's URL. */
export function nextPage(link: string | null, current: string): string | undefined {
  if (!link) return undefined;
  for (const part of link.split(/,(?=\s*<)/)) {
    const match = /^\s*<([^>]*)>\s*;(.*)$/.exec(part);
    if (match && /(?:^|;)\s*rel\s*=\s*"?next"?\s*(?:;|$)/i.test(match[2]!)) return new URL(match[1]!, current).toString();
  }
  return undefined;
}

interface Descriptor {
  readonly mediaType?: string;
  readonly digest?: string;
  readonly platform?: { readonly os?: string; readonly architecture?: string; readonly variant?: string };
}

async function inspectTag(client: RegistryClient, tag: string, platform: NonNullable<RegistryTagsOptions['platform']>): Promise<TagFacts> {
  const { digest, manifest } = await readManifest(client, tag);
  let image = manifest;
  if (isIndex(manifest)) {
    const entry = pickPlatform(manifest.manifests ?? [], platform);
    if (entry?.digest === undefined) return { tag, digest };
    image = (await readManifest(client, entry.digest)).manifest;
  }
  const configDigest = image.config?.digest;
  if (typeof configDigest !== 'string') return { tag, digest };
  const response = await client.request(`${client.base}/blobs/${configDigest}`);
  const config = (await client.readJson(response, `config of ${tag}`)) as { created?: unknown };
  const createdAt = typeof config.created === 'string' && !Number.isNaN(Date.parse(config.created)) ? config.created : undefined;
  return { tag, digest, ...(createdAt ? { createdAt } : {}) };
}

interface ManifestBody {
  readonly mediaType?: string;
  readonly config?: { readonly digest?: unknown };
  readonly manifests?: readonly Descriptor[];
}

async function readManifest(client: RegistryClient, reference: string): Promise<{ digest: string; manifest: ManifestBody }> {
  const response = await client.request(`${client.base}/manifests/${encodeURIComponent(reference)}`, { accept: ACCEPT });
  const text = await response.text();
  // The spec's digest of a manifest is the sha256 of its bytes; the header may be absent.
  const digest = response.headers.get('docker-content-digest') ?? `sha256:${createHash('sha256').update(text).digest('hex')}`;
  let manifest: ManifestBody;
  try {
    manifest = JSON.parse(text) as ManifestBody;
  } catch {
    manifest = {};
  }
  const contentType = response.headers.get('content-type')?.split(';')[0]?.trim();
  return { digest, manifest: { ...manifest, ...(manifest.mediaType === undefined && contentType ? { mediaType: contentType } : {}) } };
}

function isIndex(manifest: ManifestBody): boolean {
  return IMAGE_INDEX.includes(manifest.mediaType ?? '') || (manifest.config === undefined && Array.isArray(manifest.manifests));
}

/** The entry for the platform (variant when given), else linux/amd64; attestations (`unknown/unknown`) never. */
function pickPlatform(entries: readonly Descriptor[], platform: NonNullable<RegistryTagsOptions['platform']>): Descriptor | undefined {
  const matches = (entry: Descriptor, os: string, architecture: string): boolean =>
    entry.platform?.os === os && entry.platform.architecture === architecture;
  return (
    entries.find(
      (entry) => matches(entry, platform.os, platform.architecture) && (!platform.variant || entry.platform?.variant === platform.variant),
    ) ??
    entries.find((entry) => matches(entry, platform.os, platform.architecture)) ??
    entries.find((entry) => matches(entry, 'linux', 'amd64'))
  );
}

function hostPlatform(): { os: string; architecture: string; variant?: string } {
  const names: Readonly<Record<string, string>> = {
    x64: 'amd64',
    arm64: 'arm64',
    arm: 'arm',
    ia32: '386',
    ppc64: 'ppc64le',
    s390x: 's390x',
  };
  const architecture = names[process.arch] ?? process.arch;
  return { os: 'linux', architecture, ...(process.arch === 'arm64' ? { variant: 'v8' } : {}) };
}
