/**
 * Image tags as versions, the way Renovate's docker versioning reads them: an optional `v`, up to
 * four dot-separated numbers, and a suffix (`-alpine`, `-rocm`) that stays the same across an
 * upgrade. A suffix that is a commit hash (`2026.3.25-541c6c3cb`, `2026.01.27-sha-6aa59ff`)
 * changes with every build and is ignored when comparing. Tags that do not parse (`latest`,
 * `main-slim`, `rocm`) are not versions: only their digest can say whether they moved.
 */
export interface TagVersion {
  readonly tag: string;
  readonly prefix: '' | 'v';
  readonly numbers: readonly number[];
  /** `-alpine`; empty for none; empty too for a build hash (see `volatile`). */
  readonly suffix: string;
  /** The suffix is a build hash, different for every build. */
  readonly volatile: boolean;
}

const TAG = /^(v?)(\d+(?:\.\d+){0,3})(-[0-9A-Za-z][0-9A-Za-z.-]*)?$/;
const BUILD_HASH = /^-(?:sha-)?[0-9a-f]{7,40}$/;

export function parseTagVersion(tag: string): TagVersion | undefined {
  const match = TAG.exec(tag);
  if (!match) return undefined;
  const suffix = match[3] ?? '';
  const volatile = BUILD_HASH.test(suffix);
  return {
    tag,
    prefix: match[1] === 'v' ? 'v' : '',
    numbers: match[2]!.split('.').map(Number),
    suffix: volatile ? '' : suffix,
    volatile,
  };
}

/** Numeric order; a missing part counts as 0 (`18` = `18.0`). */
export function compareVersions(a: TagVersion, b: TagVersion): number {
  const length = Math.max(a.numbers.length, b.numbers.length);
  for (let index = 0; index < length; index += 1) {
    const difference = (a.numbers[index] ?? 0) - (b.numbers[index] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

/** The major version (first number), or undefined for a tag that is not a version. */
export function majorOf(tag: string): number | undefined {
  return parseTagVersion(tag)?.numbers[0];
}

/**
 * The tags that are upgrades of `current`: versions with the same `v` prefix, the same suffix and
 * the same precision (`18.6` never proposes `18`), greater than it; oldest first.
 */
export function listNewerTags(current: string, tags: readonly string[]): string[] {
  const base = parseTagVersion(current);
  if (!base) return [];
  return tags
    .map(parseTagVersion)
    .filter(
      (version): version is TagVersion =>
        version?.prefix === base.prefix &&
        version.suffix === base.suffix &&
        version.volatile === base.volatile &&
        version.numbers.length === base.numbers.length &&
        compareVersions(version, base) > 0,
    )
    .sort(compareVersions)
    .map((version) => version.tag);
}

/**
 * `tag` in the variant of `like`: the catalog pins `0.32.15`, an AMD host runs `0.30.0-rocm`, so
 * its upgrade is `0.32.15-rocm` (a version without the suffix would be another image).
 */
export function inVariantOf(tag: string, like: string): string {
  const version = parseTagVersion(tag);
  const variant = parseTagVersion(like);
  return version && variant && version.suffix === '' && !version.volatile && variant.suffix !== '' ? `${tag}${variant.suffix}` : tag;
}

/** `repo:tag` split at the tag's colon (not a registry port); a digest (`@sha256:…`) is dropped. */
export function splitImageReference(reference: string): { readonly repository: string; readonly tag: string } {
  const withoutDigest = reference.split('@')[0]!;
  const colon = withoutDigest.lastIndexOf(':');
  return colon > withoutDigest.lastIndexOf('/')
    ? { repository: withoutDigest.slice(0, colon), tag: withoutDigest.slice(colon + 1) }
    : { repository: withoutDigest, tag: 'latest' };
}
