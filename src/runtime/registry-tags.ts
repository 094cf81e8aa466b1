import type { TagFacts } from '../upgrade/plan.js';

/**
 * The part of the Registry HTTP API V2 an upgrade plan needs: the tags of a repository
 * (`GET /v2/<name>/tags/list`), and for each candidate its manifest digest and build time (the
 * `created` of the image config blob). Plain HTTP for loopback hosts (Docker's own default for
 * 127.0.0.0/8), HTTPS otherwise; anonymous. Bounded: a timeout per request and at most `limit`
 * tags inspected.
 */
export interface RegistryTagsOptions {
  /** @default 10000 */
  readonly timeoutMs?: number;
  /** Only these tags get a digest and build time (the newer candidates). */
  readonly inspect?: (tags: readonly string[]) => readonly string[];
  readonly fetch?: typeof fetch;
}

const MANIFEST_TYPES = [
  'application/vnd.docker.distribution.manifest.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.index.v1+json',
].join(', ');

export async function listRegistryTags(host: string, repository: string, options: RegistryTagsOptions = {}): Promise<TagFacts[]> {
  const request = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const base = `${isLoopback(host) ? 'http' : 'https'}://${host}/v2/${repository}`;
  const get = async (url: string, accept?: string): Promise<Response> => {
    const response = await request(url, { signal: AbortSignal.timeout(timeoutMs), ...(accept ? { headers: { Accept: accept } } : {}) });
    if (!response.ok) throw new Error(`${url.replace(/^https?:\/\//, '')} answered ${response.status}`);
    return response;
  };
  const listing = (await (await get(`${base}/tags/list`)).json()) as { tags?: unknown };
  const tags = Array.isArray(listing.tags) ? listing.tags.filter((tag): tag is string => typeof tag === 'string').sort() : [];
  const inspected = new Set(options.inspect ? options.inspect(tags) : []);
  const facts: TagFacts[] = [];
  for (const tag of tags) {
    if (!inspected.has(tag)) {
      facts.push({ tag });
      continue;
    }
    const response = await get(`${base}/manifests/${encodeURIComponent(tag)}`, MANIFEST_TYPES);
    const digest = response.headers.get('docker-content-digest') ?? undefined;
    const manifest = (await response.json()) as { config?: { digest?: string } };
    let createdAt: string | undefined;
    if (manifest.config?.digest) {
      const config = (await (await get(`${base}/blobs/${manifest.config.digest}`)).json()) as { created?: unknown };
      if (typeof config.created === 'string') createdAt = config.created;
    }
    facts.push({ tag, ...(digest ? { digest } : {}), ...(createdAt ? { createdAt } : {}) });
  }
  return facts;
}

function isLoopback(host: string): boolean {
  const name = host.replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
  return name === 'localhost' || name === '::1' || name.startsWith('127.');
}
