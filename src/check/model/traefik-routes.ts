import * as jsyaml from 'js-yaml';
import type { Range } from '../types.js';
import type { ComposeModel } from './compose-model.js';
import { isRecord } from './compose-model.js';
import { parseUpstream } from './proxy-route.js';
import type { ProxyRoute, ProxyUpstream } from './proxy-route.js';
import { scalarText } from '../../util/scalar-text.js';

/** Hosts and paths of a Traefik rule: Host(`a`, `b`) && PathPrefix(`/x`) || Path(`/y`). */
export function parseTraefikRule(rule: string): {
  hosts: string[];
  anyHost: boolean;
  paths: { path: string; match: ProxyRoute['match'] }[];
} {
  const hosts: string[] = [];
  const paths: { path: string; match: ProxyRoute['match'] }[] = [];
  let anyHost = !/\bHost(?:SNI)?\s*\(/.test(rule);
  for (const call of rule.matchAll(/\b(Host|HostSNI|HostRegexp|Path|PathPrefix|PathRegexp)\s*\(([^)]*)\)/g)) {
    const args = [...call[2]!.matchAll(/`([^`]*)`|"([^"]*)"/g)].map((match) => match[1] ?? match[2] ?? '');
    const kind = call[1]!;
    if (kind === 'Host' || kind === 'HostSNI') hosts.push(...args.map((host) => host.toLowerCase()));
    else if (kind === 'HostRegexp') anyHost = true;
    else for (const path of args) paths.push({ path, match: kind === 'Path' ? 'exact' : kind === 'PathPrefix' ? 'prefix' : 'pattern' });
  }
  if (hosts.some((host) => host.includes('$') || host.includes('{'))) anyHost = true;
  return { hosts, anyHost, paths: paths.length > 0 ? paths : [{ path: '/', match: 'prefix' }] };
}

function routesOfRule(rule: string, base: Omit<ProxyRoute, 'hosts' | 'path' | 'match' | 'proxy' | 'listen'>): ProxyRoute[] {
  const parsed = parseTraefikRule(rule);
  const hosts = parsed.anyHost ? [] : parsed.hosts;
  return parsed.paths.map((path) => ({ proxy: 'traefik', ...base, hosts, ...path, listen: [] }));
}

/** Labels as a map of key → value and the path segment each is written at. */
function labelsOf(value: unknown): Map<string, { value: string; segment: string | number }> {
  const labels = new Map<string, { value: string; segment: string | number }>();
  if (Array.isArray(value)) {
    value.forEach((item: unknown, index) => {
      if (typeof item !== 'string') return;
      const equals = item.indexOf('=');
      if (equals > 0) labels.set(item.slice(0, equals).trim(), { value: item.slice(equals + 1), segment: index });
    });
  } else if (isRecord(value)) {
    for (const [key, item] of Object.entries(value))
      if (item !== null && item !== undefined) labels.set(key, { value: scalarText(item), segment: key });
  }
  return labels;
}

/**
 * Routes declared by Traefik labels on compose services (`traefik.http.routers.<r>.rule`), each to
 * the labelled service on its `loadbalancer.server.port` (when one is set). Services with
 * `traefik.enable=false` declare none.
 */
export function parseTraefikLabelRoutes(compose: ComposeModel): ProxyRoute[] {
  const routes: ProxyRoute[] = [];
  for (const service of compose.services) {
    const labels = labelsOf(service.value.labels);
    if (labels.get('traefik.enable')?.value.trim() === 'false') continue;
    let port: number | undefined;
    for (const [key, label] of labels) {
      if (/^traefik\.http\.services\.[^.]+\.loadbalancer\.server\.port$/i.test(key)) port = Number(label.value) || undefined;
    }
    for (const [key, label] of labels) {
      if (!/^traefik\.http\.routers\.[^.]+\.rule$/i.test(key)) continue;
      const location = compose.rangeOf(['services', service.name, 'labels', label.segment]);
      const { file, ...range } = location;
      routes.push(...routesOfRule(label.value, { file, range, upstreams: [{ host: service.name, port }], labelledService: service.name }));
    }
  }
  return routes;
}

/** Line and column of the first occurrence of `needle` in `text` (the file's start when absent). */
function rangeOfText(text: string, needle: string): Range {
  const offset = Math.max(0, text.indexOf(needle));
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return { line, column, endLine: line, endColumn: column + (offset === 0 && !text.startsWith(needle) ? 0 : needle.length) };
}

/** `http.routers` and `http.services` of a dynamic configuration (file provider), from YAML or TOML. */
function dynamicConfigOf(file: string, text: string): Record<string, unknown> | undefined {
  if (/\.toml$/i.test(file)) return parseTomlSections(text);
  try {
    const value: unknown = jsyaml.load(text, { schema: jsyaml.JSON_SCHEMA });
    return isRecord(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Enough TOML for Traefik's dynamic files: `[a.b.c]` / `[[a.b]]` tables and `key = "string"` pairs. */
function parseTomlSections(text: string): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  let current: Record<string, unknown> = root;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    const table = /^(\[\[?)\s*([^\]]+?)\s*\]\]?$/.exec(line);
    if (table) {
      const keys = table[2]!.split('.').map((key) => key.replace(/^"|"$/g, ''));
      let target: Record<string, unknown> = root;
      keys.forEach((key, index) => {
        const last = index === keys.length - 1;
        if (last && table[1] === '[[') {
          const list = Array.isArray(target[key]) ? (target[key] as unknown[]) : [];
          const item: Record<string, unknown> = {};
          list.push(item);
          target[key] = list;
          target = item;
          return;
        }
        const next = target[key];
        if (Array.isArray(next)) target = (next[next.length - 1] as Record<string, unknown> | undefined) ?? {};
        else if (isRecord(next)) target = next;
        else {
          const created: Record<string, unknown> = {};
          target[key] = created;
          target = created;
        }
      });
      current = target;
      continue;
    }
    const pair = /^([\w.-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+))/.exec(line);
    if (pair) current[pair[1]!] = pair[2] ?? pair[3] ?? pair[4] ?? '';
  }
  return root;
}

/** Routes of a Traefik dynamic configuration file (file provider): each router's rule to its service's servers. */
export function parseTraefikFileRoutes(file: string, text: string): ProxyRoute[] {
  const config = dynamicConfigOf(file, text);
  const http = config?.http;
  if (!isRecord(http) || !isRecord(http.routers)) return [];
  const services = isRecord(http.services) ? http.services : {};
  const routes: ProxyRoute[] = [];
  for (const router of Object.values(http.routers)) {
    if (!isRecord(router) || typeof router.rule !== 'string') continue;
    const upstreams: ProxyUpstream[] = [];
    const service = typeof router.service === 'string' ? services[router.service.replace(/@.*$/, '')] : undefined;
    const balancer = isRecord(service) ? (service.loadBalancer ?? service.loadbalancer) : undefined;
    const servers = isRecord(balancer) && Array.isArray(balancer.servers) ? balancer.servers : [];
    for (const server of servers) {
      const target = isRecord(server) && typeof server.url === 'string' ? parseUpstream(server.url) : undefined;
      if (target) upstreams.push(target);
    }
    routes.push(...routesOfRule(router.rule, { file, range: rangeOfText(text, router.rule), upstreams }));
  }
  return routes;
}
