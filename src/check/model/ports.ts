import type { PathSegment, ServiceModel } from './compose-model.js';
import { isRecord } from './compose-model.js';
import { scalarText } from '../../util/scalar-text.js';

/** A published port after interpolation. `hostFrom` is undefined for an ephemeral host port. */
export interface PublishedPort {
  readonly service: string;
  readonly path: readonly PathSegment[];
  readonly hostIp: string;
  readonly hostFrom: number | undefined;
  readonly hostTo: number | undefined;
  readonly containerFrom: number;
  readonly containerTo: number;
  readonly protocol: string;
}

function parseRange(text: string): [number, number] | undefined {
  const match = /^(\d+)(?:-(\d+))?$/.exec(text.trim());
  if (!match) return undefined;
  const from = Number(match[1]);
  return [from, match[2] === undefined ? from : Number(match[2])];
}

/** Short syntax `[HOST_IP:][HOST[-END]:]CONTAINER[-END][/PROTOCOL]` (IPv6 in brackets) or the long syntax. */
const parsed = new WeakMap<object, PublishedPort[]>();

/** Parsed once per service (several rules ask). */
export function parsePorts(service: ServiceModel): PublishedPort[] {
  const cached = parsed.get(service.value);
  if (cached) return cached;
  const result = parsePortEntries(service);
  parsed.set(service.value, result);
  return result;
}

function parsePortEntries(service: ServiceModel): PublishedPort[] {
  const ports = service.value.ports;
  if (!Array.isArray(ports)) return [];
  const result: PublishedPort[] = [];
  ports.forEach((entry: unknown, index) => {
    const path = ['services', service.name, 'ports', index];
    if (typeof entry === 'number') {
      result.push({
        service: service.name,
        path,
        hostIp: '',
        hostFrom: undefined,
        hostTo: undefined,
        containerFrom: entry,
        containerTo: entry,
        protocol: 'tcp',
      });
      return;
    }
    if (typeof entry === 'string') {
      let rest = entry.trim();
      let protocol = 'tcp';
      const slash = rest.lastIndexOf('/');
      if (slash >= 0) {
        protocol = rest.slice(slash + 1).toLowerCase();
        rest = rest.slice(0, slash);
      }
      let hostIp = '';
      const bracket = /^\[([^\]]+)\]:(.*)$/.exec(rest);
      if (bracket) {
        hostIp = bracket[1]!;
        rest = bracket[2]!;
      }
      const parts = rest.split(':');
      if (!bracket && parts.length === 3) {
        hostIp = parts.shift()!;
      }
      const container = parseRange(parts[parts.length - 1] ?? '');
      if (!container) return;
      const host = parts.length >= 2 && parts[0] !== '' ? parseRange(parts[0]!) : undefined;
      result.push({
        service: service.name,
        path,
        hostIp,
        hostFrom: host?.[0],
        hostTo: host?.[1],
        containerFrom: container[0],
        containerTo: container[1],
        protocol,
      });
      return;
    }
    if (isRecord(entry)) {
      const target = parseRange(scalarText(entry.target));
      if (!target) return;
      const published = entry.published === undefined ? undefined : parseRange(scalarText(entry.published));
      result.push({
        service: service.name,
        path,
        hostIp: typeof entry.host_ip === 'string' ? entry.host_ip : '',
        hostFrom: published?.[0],
        hostTo: published?.[1],
        containerFrom: target[0],
        containerTo: target[1],
        protocol: typeof entry.protocol === 'string' ? entry.protocol.toLowerCase() : 'tcp',
      });
    }
  });
  return result;
}

export function isLoopback(hostIp: string): boolean {
  return hostIp.startsWith('127.') || hostIp === '::1' || hostIp === 'localhost';
}

/** Whether two host IPs can both receive the same port: equal, or one is the wildcard of its family. */
export function hostIpsOverlap(a: string, b: string): boolean {
  const family = (ip: string): 4 | 6 => (ip.includes(':') ? 6 : 4);
  const isAny = (ip: string): boolean => ip === '' || ip === '0.0.0.0' || ip === '::';
  if (a === b) return true;
  // Empty means all interfaces of both families (Docker publishes on 0.0.0.0 and ::).
  if (a === '' || b === '') return true;
  if (isAny(a) && family(a) === family(b)) return true;
  if (isAny(b) && family(a) === family(b)) return true;
  return false;
}
