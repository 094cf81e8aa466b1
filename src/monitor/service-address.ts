import { lookup } from 'node:dns/promises';
import net from 'node:net';
import type Docker from 'dockerode';
import { findServiceAddress } from '../runtime/service-address.js';

const CACHE_MS = 30_000;

export type HostResolver = (host: string) => Promise<string | undefined>;

/**
 * Where a service name points when the monitor runs outside the stack's network (`aistack serve`
 * on the host): inside the stack, Docker's DNS answers the service name and nothing changes; when
 * the name does not resolve, the service's running container's IP on a bridge network is used
 * (reachable from a Linux host; findServiceAddress, any replica as Docker's DNS would pick one).
 * Only the stack's own service names are looked up; answers are cached for 30 s.
 */
export function createServiceAddressResolver(options: {
  readonly docker: Docker | undefined;
  readonly project: string;
  readonly services: ReadonlySet<string>;
}): HostResolver {
  const cache = new Map<string, { address: string | undefined; at: number }>();
  return async (host) => {
    if (!options.services.has(host) || net.isIP(host) !== 0) return undefined;
    const cached = cache.get(host);
    if (cached && Date.now() - cached.at < CACHE_MS) return cached.address;
    let address: string | undefined;
    try {
      await lookup(host);
      address = undefined;
    } catch {
      address = await containerAddress(options.docker, options.project, host);
    }
    cache.set(host, { address, at: Date.now() });
    return address;
  };
}

async function containerAddress(docker: Docker | undefined, project: string, service: string): Promise<string | undefined> {
  if (!docker) return undefined;
  // No container, none running, none reachable, no answer from Docker: the probe then fails on the
  // name, which says what is wrong.
  return findServiceAddress(docker, { project, service, replicas: 'first' }).then(
    (address) => address.ip,
    () => undefined,
  );
}
