import type { Range } from '../types.js';
import { parseUpstream } from './proxy-route.js';
import type { ProxyRoute, ProxyUpstream } from './proxy-route.js';

interface Word {
  readonly text: string;
  readonly range: Range;
}

/** A Caddyfile line: its words, and the block that follows when it ends with `{`. */
interface Line {
  readonly words: readonly Word[];
  readonly block: readonly Line[] | undefined;
}

/** Words per line (quotes and backticks kept together, `#` comments dropped), braces as words. */
function tokenize(text: string): Word[][] {
  const lines: Word[][] = [];
  text.split('\n').forEach((raw, lineIndex) => {
    const words: Word[] = [];
    const pattern = /"(?:[^"\\]|\\.)*"|`[^`]*`|[^\s]+/g;
    for (const match of raw.matchAll(pattern)) {
      let value = match[0];
      if (value.startsWith('#')) break;
      const column = (match.index ?? 0) + 1;
      const range = { line: lineIndex + 1, column, endLine: lineIndex + 1, endColumn: column + value.length };
      if (value.startsWith('"') || value.startsWith('`')) value = value.slice(1, -1);
      // `host {` and `host{` both open a block.
      if (value.length > 1 && value.endsWith('{') && !value.startsWith('{')) {
        words.push({ text: value.slice(0, -1), range: { ...range, endColumn: range.endColumn - 1 } });
        words.push({ text: '{', range: { ...range, column: range.endColumn - 1 } });
        continue;
      }
      words.push({ text: value, range });
    }
    lines.push(words);
  });
  return lines;
}

function parseLines(text: string): Line[] {
  const raw = tokenize(text);
  let position = 0;
  const parseBlock = (depth: number): Line[] => {
    const result: Line[] = [];
    while (position < raw.length) {
      const words = raw[position]!;
      position += 1;
      if (words.length === 0) continue;
      if (words.length === 1 && words[0]!.text === '}') {
        if (depth > 0) return result;
        continue;
      }
      const opens = words[words.length - 1]!.text === '{';
      const own = opens ? words.slice(0, -1) : words;
      result.push({ words: own, block: opens && depth < 20 ? parseBlock(depth + 1) : undefined });
    }
    return result;
  };
  return parseBlock(0);
}

/** `https://chat.example.com:8443` → host and port; `:8080` → every host. */
function parseAddress(address: string): { host: string | undefined; port: number | undefined } {
  const scheme = /^(https?):\/\//.exec(address)?.[1];
  const rest = address.replace(/^[a-z]+:\/\//, '').split('/')[0] ?? '';
  const match = /^(.*?)(?::(\d+))?$/.exec(rest);
  const host = match?.[1] ? match[1].toLowerCase() : undefined;
  const port = match?.[2] !== undefined ? Number(match[2]) : scheme === 'http' ? 80 : 443;
  return { host, port };
}

/** A Caddy path matcher: `/api/*` and `/api*` match below, `/api` only itself. */
function pathMatch(matcher: string): { path: string; match: ProxyRoute['match'] } {
  if (matcher.endsWith('*')) return { path: matcher.slice(0, -1), match: 'prefix' };
  return { path: matcher, match: 'exact' };
}

/**
 * The routes of a Caddyfile: each site block's addresses, and per `reverse_proxy`, `file_server`,
 * `respond` or `redir` the path it answers on (path matchers, named `@matcher path …`, and
 * enclosing `handle`, `handle_path` and `route` blocks). Global options and snippets are skipped.
 */
export function parseCaddyRoutes(file: string, text: string): ProxyRoute[] {
  const routes: ProxyRoute[] = [];
  const lines = parseLines(text);
  for (const site of lines) {
    const first = site.words[0]?.text ?? '';
    if (site.words.length === 0 || first.startsWith('(') || first.startsWith('{') || !site.block) continue;
    const hosts: string[] = [];
    const listen: number[] = [];
    let anyHost = false;
    for (const word of site.words) {
      for (const address of word.text.split(',')) {
        if (address === '') continue;
        const { host, port } = parseAddress(address);
        if (host === undefined) anyHost = true;
        else hosts.push(host);
        if (port !== undefined && !listen.includes(port)) listen.push(port);
      }
    }
    const siteHosts = anyHost ? [] : hosts;
    const matchers = new Map<string, string>();
    for (const line of site.block) {
      const name = line.words[0]?.text ?? '';
      if (!name.startsWith('@')) continue;
      const pathWords = line.block ? line.block.find((item) => item.words[0]?.text === 'path')?.words : line.words.slice(1);
      const path = pathWords?.[0]?.text === 'path' ? pathWords[1]?.text : undefined;
      if (path !== undefined) matchers.set(name, path);
    }
    const before = routes.length;
    const walk = (block: readonly Line[], inherited: { path: string; match: ProxyRoute['match'] }): void => {
      for (const line of block) {
        const directive = line.words[0]?.text ?? '';
        const argument = line.words[1];
        let scope = inherited;
        let rest = line.words.slice(1);
        if (argument?.text.startsWith('/')) {
          scope = pathMatch(argument.text);
          rest = rest.slice(1);
        } else if (argument?.text.startsWith('@')) {
          const path = matchers.get(argument.text);
          scope = path === undefined ? { path: '/', match: 'pattern' } : pathMatch(path);
          rest = rest.slice(1);
        }
        if (directive === 'handle' || directive === 'handle_path' || directive === 'route') {
          if (line.block) walk(line.block, scope);
          continue;
        }
        if (!['reverse_proxy', 'file_server', 'respond', 'redir', 'php_fastcgi'].includes(directive)) continue;
        const upstreams: ProxyUpstream[] = [];
        if (directive === 'reverse_proxy' || directive === 'php_fastcgi') {
          for (const word of rest) {
            const target = parseUpstream(word.text);
            if (target) upstreams.push(target);
          }
          for (const item of line.block ?? []) {
            if (item.words[0]?.text !== 'to') continue;
            for (const word of item.words.slice(1)) {
              const target = parseUpstream(word.text);
              if (target) upstreams.push(target);
            }
          }
        }
        const at = argument?.text.startsWith('/') || argument?.text.startsWith('@') ? argument.range : line.words[0]!.range;
        routes.push({ proxy: 'caddy', file, range: at, hosts: siteHosts, ...scope, upstreams, listen });
      }
    };
    walk(site.block, { path: '/', match: 'prefix' });
    if (routes.length === before)
      routes.push({
        proxy: 'caddy',
        file,
        range: site.words[0]!.range,
        hosts: siteHosts,
        path: '/',
        match: 'prefix',
        upstreams: [],
        listen,
      });
  }
  return routes;
}
