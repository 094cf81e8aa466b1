/**
 * Docker image references, after the grammar of distribution/reference (reference.go):
 *
 *   reference := name [ ":" tag ] [ "@" digest ]
 *   name      := [ domain "/" ] path-component [ "/" path-component ]*
 *   domain    := domain-component [ "." domain-component ]* [ ":" port ]   (or "[" IPv6 "]" [ ":" port ])
 *
 * A reference goes on the docker and compose command lines and into compose.yaml, so anything
 * else (a leading "-", spaces, control characters, quotes) is refused in the manifest.
 */
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[0-9a-fA-F:.]+\\])(?::[0-9]+)?`;
const PATH_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const PATH = `${PATH_COMPONENT}(?:/${PATH_COMPONENT})*`;
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';

const REFERENCE = new RegExp(`^(?:${DOMAIN}/)?${PATH}(?::${TAG})?(?:@${DIGEST})?$`);
const REGISTRY_PREFIX = new RegExp(`^${DOMAIN}(?:/${PATH})?/?$`);
/** Longest name (without tag and digest) the Engine accepts. */
const NAME_MAX_LENGTH = 255;

/** `nginx:1.29`, `registry.internal:5000/team/api:1.4.2`, `x@sha256:…`. */
export function isImageReference(value: string): boolean {
  if (!REFERENCE.test(value)) return false;
  const name = value.split('@')[0]?.replace(/:[\w][\w.-]{0,127}$/, '') ?? '';
  return name.length <= NAME_MAX_LENGTH;
}

/** What `images.registry` may be: a registry host with an optional path (`registry.internal:5000/mirror`). */
export function isRegistryPrefix(value: string): boolean {
  return value.length <= NAME_MAX_LENGTH && REGISTRY_PREFIX.test(value);
}
