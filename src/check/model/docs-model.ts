import { createRequire } from 'node:module';
import type MarkdownIt from 'markdown-it';
import type Token from 'markdown-it/lib/token.mjs';
import type { Range } from '../types.js';

export type MentionKind = 'service' | 'port' | 'url' | 'variable' | 'make' | 'npm' | 'servicePort';

/** Something a Markdown document claims about the stack, with where it says so. */
export interface Mention {
  readonly kind: MentionKind;
  readonly value: string;
  readonly file: string;
  readonly range: Range;
  /** For URLs: the parsed parts. */
  readonly url?: { readonly host: string; readonly port: number | undefined; readonly path: string };
  /** For a port tied to a service (a table row, a sentence): the service, and which side of the mapping. */
  readonly service?: string;
  readonly side?: 'host' | 'container' | 'any';
}

export interface DocsModel {
  readonly files: readonly string[];
  readonly mentions: readonly Mention[];
  /** Every word of every document (text, code, tables, links), for "documented nowhere". */
  readonly words: ReadonlySet<string>;
}

const URL_PATTERN = /\bhttps?:\/\/[^\s)\]>`'"]+/g;
const HOST_PORT_PATTERN = /\b(?:localhost|127\.0\.0\.1|0\.0\.0\.0):(\d{1,5})\b/g;
const VARIABLE_PATTERN = /^\$?\{?([A-Z][A-Z0-9]*_[A-Z0-9_]*[A-Z0-9])\}?(?:=.*)?$/;
const COMPOSE_COMMAND =
  /\bdocker[ -]compose\s+(?:-[^\s]+\s+)*(logs|restart|exec|start|stop|up|pull|run)\s+((?:-[-\w]+(?:=\S+)?\s+)*)([a-z0-9][a-z0-9_.-]*)/g;

/** `make a b` / `npm run x` inside code: the targets and scripts a reader is told to run. */
const MAKE_COMMAND = /(?:^|[\s;&|(`$])make\s+((?:-[A-Za-z]+\s+(?:\S+\s+)?)*)((?:[A-Za-z0-9_][\w./-]*\s*)+)/g;
const NPM_COMMAND = /(?:^|[\s;&|(`$])(?:npm|pnpm)\s+(?:run|run-script)\s+((?:--?[\w-]+\s+)*)([A-Za-z0-9_:.-]+)/g;

function parseUrl(value: string): Mention['url'] | undefined {
  try {
    const url = new URL(value);
    return { host: url.hostname, port: url.port === '' ? undefined : Number(url.port), path: url.pathname };
  } catch {
    return undefined;
  }
}

/**
 * CommonMark with GFM tables. markdown-it tokenizes about twenty times faster than mdast here
 * (310 KB: ~30 ms against ~600 ms); it gives block tokens their lines, and this module finds
 * each inline piece's column in the source itself.
 */
// Loaded on first use, and as markdown-it's one-file CommonJS build: `check -f` without docs
// does not pay for it, and with docs it is one module instead of ~75 ESM files at start-up.
const require = createRequire(import.meta.url);
let markdown: MarkdownIt | undefined;
function markdownParser(): MarkdownIt {
  markdown ??= new (require('markdown-it') as typeof MarkdownIt)('commonmark').enable('table');
  return markdown;
}

/** Walks the source lines of one block, finding inline pieces in order. */
interface Cursor {
  line: number; // 0-based index into lines
  column: number; // 0-based
  readonly end: number; // last line index (exclusive)
}

/** Parse Markdown documents into the claims they make: services, ports, URLs and variables. */
export function parseDocs(documents: readonly { readonly file: string; readonly text: string }[]): DocsModel {
  const mentions: Mention[] = [];
  const words = new Set<string>();
  for (const document of documents) {
    const lines = document.text.split('\n');
    const tokens = markdownParser().parse(document.text, {});
    const add = (kind: MentionKind, value: string, range: Range, url?: Mention['url']): void => {
      mentions.push(url ? { kind, value, file: document.file, range, url } : { kind, value, file: document.file, range });
    };
    const addWords = (text: string): void => {
      for (const word of text.split(/[^A-Za-z0-9_.-]+/)) if (word !== '') words.add(word.toLowerCase().replace(/[.]+$/, ''));
    };
    // Mentions inside free text (URLs, host:port) at their exact column on one line.
    const scanLine = (line: string, lineNumber: number, column: number): void => {
      for (const match of line.matchAll(URL_PATTERN)) {
        const value = match[0].replace(/[.,;:]+$/, '');
        const url = parseUrl(value);
        const start = column + match.index;
        if (url) add('url', value, { line: lineNumber, column: start, endLine: lineNumber, endColumn: start + value.length }, url);
      }
      for (const match of line.matchAll(HOST_PORT_PATTERN)) {
        const before = line.slice(0, match.index);
        if (/https?:\/\/$/.test(before)) continue;
        const start = column + match.index;
        add('port', match[1]!, { line: lineNumber, column: start, endLine: lineNumber, endColumn: start + match[0].length });
      }
      for (const match of line.matchAll(COMPOSE_COMMAND)) {
        const service = match[3]!;
        const start = column + match.index + match[0].length - service.length;
        add('service', service, { line: lineNumber, column: start, endLine: lineNumber, endColumn: start + service.length });
      }
    };
    // Commands a reader is told to run: only inside code (prose says "make sure").
    const scanCode = (line: string, lineNumber: number, column: number): void => {
      for (const match of line.matchAll(MAKE_COMMAND)) {
        const targets = match[2]!;
        let offset = match.index + match[0].length - targets.length;
        for (const target of targets.split(/(\s+)/)) {
          if (target !== '' && !/^\s+$/.test(target) && !target.includes('=')) {
            const start = column + offset;
            add('make', target, { line: lineNumber, column: start, endLine: lineNumber, endColumn: start + target.length });
          }
          offset += target.length;
        }
      }
      for (const match of line.matchAll(NPM_COMMAND)) {
        const script = match[2]!;
        const start = column + match.index + match[0].length - script.length;
        add('npm', script, { line: lineNumber, column: start, endLine: lineNumber, endColumn: start + script.length });
      }
    };
    /** Where `text` next appears at or after the cursor (1-based), moving the cursor past it. */
    const locate = (cursor: Cursor, text: string): { line: number; column: number } => {
      for (let index = cursor.line; index < cursor.end && index < lines.length; index += 1) {
        const found = (lines[index] ?? '').indexOf(text, index === cursor.line ? cursor.column : 0);
        if (found === -1) continue;
        cursor.line = index;
        cursor.column = found + text.length;
        return { line: index + 1, column: found + 1 };
      }
      return { line: cursor.line + 1, column: cursor.column + 1 };
    };
    const single = (start: { line: number; column: number }, length: number): Range => ({
      line: start.line,
      column: start.column,
      endLine: start.line,
      endColumn: start.column + length,
    });

    /** The pieces of one inline token; the first piece's range is returned (table cells use it). */
    const visitInline = (token: Token, cursor: Cursor): Range | undefined => {
      let first: Range | undefined;
      const children = token.children ?? [];
      for (let index = 0; index < children.length; index += 1) {
        const child = children[index]!;
        switch (child.type) {
          case 'text': {
            if (child.content === '') break;
            addWords(child.content);
            const range = single(locate(cursor, child.content), child.content.length);
            first ??= range;
            scanLine(child.content, range.line, range.column);
            break;
          }
          case 'code_inline': {
            const value = child.content;
            addWords(value);
            const at = locate(cursor, value);
            const marker = child.markup.length;
            const range: Range = {
              line: at.line,
              column: at.column - marker,
              endLine: at.line,
              endColumn: at.column + value.length + marker,
            };
            cursor.column += marker;
            first ??= range;
            const variable = VARIABLE_PATTERN.exec(value);
            if (variable) add('variable', variable[1]!, range);
            else {
              scanLine(value, range.line, range.column + 1);
              scanCode(value, range.line, range.column + marker);
            }
            break;
          }
          case 'link_open': {
            const href = child.attrGet('href') ?? '';
            addWords(href);
            // The link's own text is not scanned again for URLs: the href is the mention.
            let close = index + 1;
            let label = '';
            while (close < children.length && children[close]!.type !== 'link_close') {
              const inner = children[close]!;
              if (inner.type === 'text' || inner.type === 'code_inline') label += inner.content;
              close += 1;
            }
            const startAt = child.markup === 'autolink' ? locate(cursor, `<${href}`) : locate(cursor, `[${label}`);
            const hrefAt = child.markup === 'autolink' ? startAt : locate(cursor, `](${href}`);
            const endColumn =
              child.markup === 'autolink'
                ? startAt.column + href.length + 2
                : (lines[hrefAt.line - 1] ?? '').indexOf(')', hrefAt.column - 1 + 2 + href.length) + 2;
            const range: Range = { line: startAt.line, column: startAt.column, endLine: hrefAt.line, endColumn };
            first ??= range;
            const url = parseUrl(href);
            if (url && href) add('url', href, range, url);
            // The label's own text, unless it is the URL again, is read like any text.
            let offset = startAt.column + 1;
            for (let inner = index + 1; inner < close; inner += 1) {
              const piece = children[inner]!;
              if (piece.type === 'code_inline' || (piece.type === 'text' && !new RegExp(URL_PATTERN.source).test(piece.content))) {
                addWords(piece.content);
                if (piece.type === 'text') scanLine(piece.content, startAt.line, offset);
              }
              offset += piece.content.length + (piece.type === 'code_inline' ? 2 * piece.markup.length : 0);
            }
            index = close;
            break;
          }
          default:
            break;
        }
      }
      return first;
    };

    let tableHeader: string[] = [];
    let serviceColumn = -1;
    let portColumns: { index: number; side: 'host' | 'container' | 'any' }[] = [];
    let rowService: string | undefined;
    let rowPorts: { port: string; side: 'host' | 'container' | 'any'; range: Range }[] = [];
    const addServicePort = (service: string, port: string, side: 'host' | 'container' | 'any', range: Range): void => {
      mentions.push({ kind: 'servicePort', value: port, service, side, file: document.file, range });
    };
    /** A sentence naming one service (`code` or **bold**) and `port N`: that port belongs to it. */
    const sentencePorts = (token: Token): void => {
      const children = token.children ?? [];
      const names = new Set<string>();
      let bold = false;
      for (const child of children) {
        if (child.type === 'strong_open') bold = true;
        else if (child.type === 'strong_close') bold = false;
        else if (child.type === 'code_inline' || (bold && child.type === 'text')) {
          const name = child.content.trim();
          if (/^[a-z0-9][a-z0-9_.-]*$/.test(name)) names.add(name);
        }
      }
      if (names.size !== 1) return;
      const service = [...names][0]!;
      const first = token.map?.[0] ?? 0;
      const last = token.map?.[1] ?? first + 1;
      for (let index = first; index < last; index += 1) {
        for (const match of (lines[index] ?? '').matchAll(/\bport\s+(\d{2,5})\b/gi)) {
          const column = match.index + match[0].length - match[1]!.length + 1;
          addServicePort(service, match[1]!, 'any', { line: index + 1, column, endLine: index + 1, endColumn: column + match[1]!.length });
        }
      }
    };
    let rowIndex = -1;
    let cellIndex = -1;
    let rowCursor: Cursor | undefined;
    for (let index = 0; index < tokens.length; index += 1) {
      const token = tokens[index]!;
      switch (token.type) {
        case 'fence':
        case 'code_block': {
          addWords(token.content);
          const first = (token.map?.[0] ?? 0) + (token.type === 'fence' ? 2 : 1);
          token.content
            .replace(/\n$/, '')
            .split('\n')
            .forEach((line, offset) => {
              scanLine(line, first + offset, 1);
              scanCode(line, first + offset, 1);
            });
          break;
        }
        case 'table_open':
          tableHeader = [];
          serviceColumn = -1;
          portColumns = [];
          rowIndex = -1;
          break;
        case 'tr_close':
          if (rowService !== undefined) for (const entry of rowPorts) addServicePort(rowService, entry.port, entry.side, entry.range);
          break;
        case 'tr_open':
          rowIndex += 1;
          cellIndex = -1;
          rowService = undefined;
          rowPorts = [];
          rowCursor = { line: token.map?.[0] ?? 0, column: 0, end: (token.map?.[0] ?? 0) + 1 };
          break;
        case 'th_open':
        case 'td_open':
          cellIndex += 1;
          break;
        case 'inline': {
          const inTable = tokens[index - 1]?.type === 'th_open' || tokens[index - 1]?.type === 'td_open';
          if (!inTable) {
            visitInline(token, { line: token.map?.[0] ?? 0, column: 0, end: token.map?.[1] ?? lines.length });
            sentencePorts(token);
            break;
          }
          const cursor = rowCursor ?? { line: 0, column: 0, end: lines.length };
          const text = token.content.trim();
          if (rowIndex === 0) {
            const title = text.toLowerCase().replace(/[*`_]/g, '').trim();
            tableHeader.push(title);
            if (/^(services?|containers?)$/.test(title)) serviceColumn = cellIndex;
            const port = /^(?:(host|internal|container|external|published|exposed|public)\s+)?ports?$/.exec(title);
            if (port) {
              const side = port[1] === undefined ? 'any' : /internal|container|exposed/.test(port[1]) ? 'container' : 'host';
              portColumns.push({ index: cellIndex, side });
            }
            visitInline(token, cursor);
            break;
          }
          if (cellIndex === serviceColumn) {
            const name = text.replace(/^(\*\*|`)+|(\*\*|`)+$/g, '');
            if (/^[a-z0-9][a-z0-9_.-]*$/.test(name)) {
              addWords(name);
              const range = visitInline(token, cursor);
              if (range) add('service', name, range);
              rowService = name;
              break;
            }
          }
          const portColumn = portColumns.find((column) => column.index === cellIndex);
          if (portColumn) {
            const before = mentions.length;
            const range = visitInline(token, cursor);
            mentions.length = before; // the cell is a port list, not free text
            for (const match of text.matchAll(/\b(\d{2,5})\b/g)) {
              if (!range) continue;
              // A container port is not published on the host: only docs/service-port judges it.
              if (portColumn.side !== 'container') add('port', match[1]!, range);
              rowPorts.push({ port: match[1]!, side: portColumn.side, range });
            }
            addWords(text);
            break;
          }
          visitInline(token, cursor);
          break;
        }
        default:
          break;
      }
    }
  }
  return { files: documents.map((document) => document.file), mentions, words };
}
