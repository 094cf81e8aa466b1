import type { Stack } from '../stack/types.js';

/**
 * Every name the certificate must cover: the domain, each route's host (sorted) and a wildcard
 * for subdomains added later. Pure.
 */
export function listTlsHosts(stack: Stack): string[] {
  const hosts = new Set<string>([stack.domain, `*.${stack.domain}`]);
  for (const host of listRouteHosts(stack)) hosts.add(host);
  return [...hosts].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The names an ACME http-01 order can prove (no wildcards). */
export function listAcmeHosts(stack: Stack): string[] {
  return listTlsHosts(stack).filter((host) => !host.startsWith('*.'));
}

/** The names clients actually use: each route's host and the console route's (what a user-supplied certificate must cover). */
export function listRouteHosts(stack: Stack): string[] {
  const hosts = stack.services.flatMap((service) => (service.route ? [service.route.host] : []));
  if (stack.proxy.console) hosts.push(stack.proxy.console.host);
  return [...new Set(hosts)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
