/** Pieces of a service's public URL (`https://host/path`) for wiring functions. Pure. */
export interface PublicUrlParts {
  readonly protocol: 'http' | 'https';
  readonly host: string;
  /** `''` for a subdomain route, `/n8n` for a sub-path route (no trailing slash). */
  readonly path: string;
  /** The URL with a trailing slash. */
  readonly withSlash: string;
}

export function parsePublicUrl(publicUrl: string): PublicUrlParts {
  const url = new URL(publicUrl);
  const path = url.pathname.replace(/\/+$/, '');
  return {
    protocol: url.protocol === 'http:' ? 'http' : 'https',
    host: url.host,
    path,
    withSlash: `${url.protocol}//${url.host}${path}/`,
  };
}

/** The public URL another catalog service gets by default (`https://<subdomain>.<domain>`). */
export function defaultPublicUrl(subdomain: string, domain: string): string {
  return `https://${subdomain}.${domain}`;
}

/** The public URL of `owner` as resolve decided it, else its default subdomain. */
export function ownerPublicUrl(
  context: { readonly domain: string; readonly publicUrlOf?: (serviceId: string) => string | undefined },
  owner: string,
  subdomain: string,
): string {
  return context.publicUrlOf?.(owner) ?? defaultPublicUrl(subdomain, context.domain);
}
