/** Pieces of a service's public URL (`https://host/path`) for wiring functions. Pure. */
export interface PublicUrlParts {
  readonly protocol: 'http' | 'https';
  /** Host name and, when not the default, port (`chat.example.com:8443`). */
  readonly host: string;
  /** Host name only (`chat.example.com`). */
  readonly hostname: string;
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
    hostname: url.hostname,
    path,
    withSlash: `${url.protocol}//${url.host}${path}/`,
  };
}

/** `https://host`, with `:port` when the proxy's public HTTPS port is not 443. */
export function publicOrigin(host: string, httpsPort: number): string {
  return httpsPort === 443 ? `https://${host}` : `https://${host}:${httpsPort}`;
}

/** The public URL another catalog service gets by default (`https://<subdomain>.<domain>[:port]`). */
export function defaultPublicUrl(subdomain: string, domain: string, httpsPort = 443): string {
  return publicOrigin(`${subdomain}.${domain}`, httpsPort);
}

/** The public URL of `owner` as resolve decided it, else its default subdomain. */
export function ownerPublicUrl(
  context: { readonly domain: string; readonly httpsPort?: number; readonly publicUrlOf?: (serviceId: string) => string | undefined },
  owner: string,
  subdomain: string,
): string {
  return context.publicUrlOf?.(owner) ?? defaultPublicUrl(subdomain, context.domain, context.httpsPort);
}
