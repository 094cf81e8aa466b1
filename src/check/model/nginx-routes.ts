import type { Range } from '../types.js';
import { parseUpstream } from './proxy-route.js';
import type { ProxyRoute, ProxyUpstream } from './proxy-route.js';

interface Token {
  readonly text: string;
  /** `{`, `}` and `;` are punctuation; quoted words are words. */
  readonly punctuation: boolean;
  readonly range: Range;
}

interface Directive {
  readonly name: string;
  readonly args: readonly Token[];
  readonly range: Range;
  readonly block: readonly Directive[] | undefined;
}

/** nginx's lexer in small: words, quoted strings (with escapes), `#` comments, `{ } ;`. */
function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let line = 1;
  let lineStart = 0;
  let index = 0;
  const at = (offset: number): { line: number; column: number } => ({ line, column: offset - lineStart + 1 });
  while (index < text.length) {
    const code = text.charCodeAt(index);
    if (code === 10) {
      index += 1;
      line += 1;
      lineStart = index;
      continue;
    }
    if (code === 32 || code === 9 || code === 13) {
      index += 1;
      continue;
    }
    if (code === 35) {
      while (index < text.length && text.charCodeAt(index) !== 10) index += 1;
      continue;
    }
    const start = at(index);
    if (code === 123 || code === 125 || code === 59) {
      tokens.push({ text: text[index]!, punctuation: true, range: { ...start, endLine: line, endColumn: start.column + 1 } });
      index += 1;
      continue;
    }
    let value = '';
    if (code === 34 || code === 39) {
      const quote = text[index]!;
      index += 1;
      while (index < text.length && text[index] !== quote) {
        if (text[index] === '\\' && index + 1 < text.length) index += 1;
        if (text.charCodeAt(index) === 10) {
          line += 1;
          lineStart = index + 1;
        }
        value += text[index]!;
        index += 1;
      }
      index += 1;
    } else {
      while (index < text.length && !/[\s;{}]/.test(text[index]!)) {
        // `${var}` inside a word is part of it.
        if (text[index] === '$' && text[index + 1] === '{') {
          const close = text.indexOf('}', index);
          const end = close === -1 ? text.length : close + 1;
          value += text.slice(index, end);
          index = end;
          continue;
        }
        value += text[index]!;
        index += 1;
      }
    }
    const end = at(index);
    tokens.push({ text: value, punctuation: false, range: { ...start, endLine: end.line, endColumn: end.column } });
  }
  return tokens;
}

/** Directives and their blocks; unbalanced braces end the block early instead of throwing. */
function parseDirectives(tokens: readonly Token[]): Directive[] {
  let position = 0;
  const parseBlock = (depth: number): Directive[] => {
    const directives: Directive[] = [];
    while (position < tokens.length) {
      const first = tokens[position]!;
      if (first.punctuation && first.text === '}') {
        position += 1;
        if (depth > 0) return directives;
        continue;
      }
      if (first.punctuation) {
        position += 1;
        continue;
      }
      position += 1;
      const args: Token[] = [];
      while (position < tokens.length && !tokens[position]!.punctuation) args.push(tokens[position++]!);
      const end = tokens[position];
      position += 1;
      const block = end?.text === '{' && depth < 20 ? parseBlock(depth + 1) : undefined;
      directives.push({ name: first.text, args, range: first.range, block });
    }
    return directives;
  };
  return parseBlock(0);
}

function listenPort(args: readonly Token[]): number | undefined {
  const value = args[0]?.text ?? '';
  if (value.startsWith('unix:')) return undefined;
  const match = /(?:^|:)(\d+)$/.exec(value);
  return match ? Number(match[1]) : /^[\d.]+$|^\[.*\]$|^[a-z*][\w.*-]*$/i.test(value) ? 80 : undefined;
}

/**
 * The routes of an nginx config: every `location` of every `server` (a server without locations
 * serves `/`), with its `server_name`s, `listen` ports and `proxy_pass` / `grpc_pass` target
 * (an `upstream` block's servers when it names one). Also reads a conf.d file (servers at the
 * top level). Names with variables (`${DOMAIN}` templates) match any host.
 */
export function parseNginxRoutes(file: string, text: string): ProxyRoute[] {
  const directives = parseDirectives(tokenize(text));
  const upstreamBlocks = new Map<string, ProxyUpstream[]>();
  const servers: Directive[] = [];
  const collect = (list: readonly Directive[]): void => {
    for (const directive of list) {
      if (directive.name === 'upstream' && directive.block) {
        const targets: ProxyUpstream[] = [];
        for (const item of directive.block) {
          const target = item.name === 'server' ? parseUpstream(item.args[0]?.text ?? '') : undefined;
          if (target) targets.push(target);
        }
        upstreamBlocks.set((directive.args[0]?.text ?? '').toLowerCase(), targets);
      } else if (directive.name === 'server' && directive.block) servers.push(directive);
      else if (directive.name === 'http' && directive.block) collect(directive.block);
    }
  };
  collect(directives);
  const upstreamsOf = (block: readonly Directive[]): ProxyUpstream[] => {
    for (const item of block) {
      if (item.name !== 'proxy_pass' && item.name !== 'grpc_pass' && item.name !== 'uwsgi_pass' && item.name !== 'fastcgi_pass') continue;
      const target = parseUpstream(item.args[0]?.text ?? '');
      if (!target) return [];
      const named = target.port === undefined ? upstreamBlocks.get(target.host) : undefined;
      return named ? [target, ...named] : [target];
    }
    return [];
  };
  const routes: ProxyRoute[] = [];
  for (const server of servers) {
    const block = server.block ?? [];
    const names: string[] = [];
    let anyHost = false;
    const listen: number[] = [];
    for (const item of block) {
      if (item.name === 'server_name')
        for (const name of item.args) {
          if (name.text.includes('$') || name.text === '_' || name.text === '' || name.text.startsWith('~')) anyHost = true;
          // `.example.org` is example.org and every name below it.
          else if (name.text.startsWith('.')) names.push(name.text.slice(1).toLowerCase(), `*${name.text.toLowerCase()}`);
          else names.push(name.text.toLowerCase());
        }
      if (item.name === 'listen') {
        const port = listenPort(item.args);
        if (port !== undefined) listen.push(port);
      }
    }
    const hosts = anyHost || names.length === 0 ? [] : names;
    const locations: ProxyRoute[] = [];
    const addLocations = (list: readonly Directive[], inherited: ProxyUpstream[]): void => {
      for (const item of list) {
        if (item.name !== 'location' || !item.block) continue;
        const [first, second] = item.args;
        const modifier = second ? first?.text : undefined;
        const pathToken = second ?? first;
        if (!pathToken || modifier === '@' || pathToken.text.startsWith('@')) continue;
        const own = upstreamsOf(item.block);
        const upstreams = own.length > 0 ? own : inherited;
        locations.push({
          proxy: 'nginx',
          file,
          range: pathToken.range,
          hosts,
          path: pathToken.text,
          match: modifier === '=' ? 'exact' : modifier === '~' || modifier === '~*' ? 'pattern' : 'prefix',
          upstreams,
          listen,
        });
        addLocations(item.block, upstreams);
      }
    };
    addLocations(block, upstreamsOf(block));
    if (locations.length === 0)
      locations.push({
        proxy: 'nginx',
        file,
        range: server.range,
        hosts,
        path: '/',
        match: 'prefix',
        upstreams: upstreamsOf(block),
        listen,
      });
    routes.push(...locations);
  }
  return routes;
}
