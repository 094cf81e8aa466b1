import type { Stack } from '../stack/types.js';
import type { ServiceImageFacts, TagFacts } from '../upgrade/plan.js';
import { listNewerTags, parseTagVersion, splitImageReference } from '../upgrade/version.js';
import type { Engine } from './engine.js';
import { readRegistryAuth, registryHostOf } from './registry-auth.js';
import type { RegistryTagsOptions } from './registry-tags.js';
import { listRegistryTags } from './registry-tags.js';

/**
 * What `upgrade plan` knows about each service's image: the tags of its repository in a registry
 * aistack may ask (images.registry, or hosts named with --registry), else only the tags present on
 * this host; and the digest of the current tag here (for tags that are not versions).
 */
export async function gatherUpgradeFacts(
  engine: Engine,
  stack: Stack,
  running: Readonly<Record<string, string>>,
  options: {
    readonly registries: readonly string[];
    /** Passed to the registry client (timeouts, bounds; tests). */
    readonly registry?: Omit<RegistryTagsOptions, 'inspect' | 'credentials'>;
    readonly environment?: Readonly<Record<string, string | undefined>>;
  },
): Promise<Record<string, ServiceImageFacts>> {
  const hosts = new Set(options.registries.map((host) => host.split('/')[0]!));
  const images = (await engine.docker.listImages()) as { RepoTags?: string[] | null; RepoDigests?: string[] | null; Created: number }[];
  const facts: Record<string, ServiceImageFacts> = {};
  for (const service of stack.services) {
    if (service.infrastructure) continue;
    const reference = running[service.id] ?? service.image;
    const { repository, tag } = splitImageReference(reference);
    const local: TagFacts[] = [];
    let currentDigest: string | undefined;
    for (const image of images) {
      for (const repoTag of image.RepoTags ?? []) {
        const split = splitImageReference(repoTag);
        if (split.repository !== repository) continue;
        local.push({ tag: split.tag, createdAt: new Date(image.Created * 1000).toISOString() });
        if (split.tag === tag) currentDigest = image.RepoDigests?.find((digest) => digest.startsWith(`${repository}@`))?.split('@')[1];
      }
    }
    const host = registryHostOf(reference);
    let source: ServiceImageFacts['source'] = { kind: 'offline' };
    if (host !== undefined && hosts.has(host)) {
      const name = repository.slice(host.length + 1);
      try {
        // The credentials `docker login <host>` stored (config.json or a credential helper), if any.
        const auth = await readRegistryAuth(reference, options.environment);
        const { tags } = await listRegistryTags(host, name, {
          ...options.registry,
          ...(auth ? { credentials: { username: auth.username, password: auth.password } } : {}),
          inspect: (all) => (parseTagVersion(tag) ? listNewerTags(tag, all) : all.filter((candidate) => candidate === tag)),
        });
        source = { kind: 'registry', host, tags };
      } catch (error: unknown) {
        source = { kind: 'registry-error', host, reason: error instanceof Error ? error.message : String(error) };
      }
    }
    facts[service.id] = { source, local: local.sort((a, b) => (a.tag < b.tag ? -1 : 1)), ...(currentDigest ? { currentDigest } : {}) };
  }
  return facts;
}
