import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import type { Range } from '../types.js';

export type MentionKind = 'service' | 'port' | 'url' | 'variable';

/** Something a Markdown document claims about the stack, with where it says so. */
export interface Mention {
  readonly kind: MentionKind;
  readonly value: string;
  readonly file: string;
  readonly range: Range;
  /** For URLs: the parsed parts. */
  readonly url?: { readonly host: string; readonly port: number | undefined; readonly path: string };
}

export interface DocsModel {
  readonly files: readonly string[];
  readonly mentions: readonly Mention[];
  /** Every word of every document (text, code, tables, links), for "documented nowhere". */
  readonly words: ReadonlySet<string>;
}

interface MarkdownNode {
  readonly type: string;
  readonly value?: string;
  readonly url?: string;
  readonly lang?: string | null;
  readonly children?: readonly MarkdownNode[];
  readonly position?: { readonly start: { readonly line: number; readonly column: number }; readonly end: { readonly line: number; readonly column: number } };
}

const URL_PATTERN = /\bhttps?:\/\/[^\s)\]>`'"]+/g;
const HOST_PORT_PATTERN = /\b(?:localhost|127\.0\.0\.1|0\.0\.0\.0):(\d{1,5})\b/g;
const VARIABLE_PATTERN = /^\$?\{?([A-Z][A-Z0-9]*_[A-Z0-9_]*[A-Z0-9])\}?(?:=.*)?$/;
const COMPOSE_COMMAND = /\bdocker[ -]compose\s+(?:-[^\s]+\s+)*(logs|restart|exec|start|stop|up|pull|run)\s+((?:-[-\w]+(?:=\S+)?\s+)*)([a-z0-9][a-z0-9_.-]*)/g;

function rangeOf(node: MarkdownNode): Range {
  const position = node.position;
  if (!position) return { line: 1, column: 1, endLine: 1, endColumn: 1 };
  return { line: position.start.line, column: position.start.column, endLine: position.end.line, endColumn: position.end.column };
}

function textOf(node: MarkdownNode): string {
  if (node.value !== undefined) return node.value;
  return (node.children ?? []).map(textOf).join('');
}

function parseUrl(value: string): Mention['url'] | undefined {
  try {
    const url = new URL(value);
    return { host: url.hostname, port: url.port === '' ? undefined : Number(url.port), path: url.pathname };
  } catch {
    return undefined;
  }
}

/** Parse Markdown documents into the claims they make: services, ports, URLs and variables. */
export function parseDocs(documents: readonly { readonly file: string; readonly text: string }[]): DocsModel {
  const mentions: Mention[] = [];
  const words = new Set<string>();
  for (const document of documents) {
    const tree = fromMarkdown(document.text, { extensions: [gfmTable()], mdastExtensions: [gfmTableFromMarkdown()] }) as unknown as MarkdownNode;
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
    const visit = (node: MarkdownNode): void => {
      switch (node.type) {
        case 'code': {
          const start = node.position?.start.line ?? 1;
          addWords(node.value ?? '');
          (node.value ?? '').split('\n').forEach((line, index) => scanLine(line, start + 1 + index, 1));
          return;
        }
        case 'inlineCode': {
          const value = node.value ?? '';
          addWords(value);
          const range = rangeOf(node);
          const variable = VARIABLE_PATTERN.exec(value);
          if (variable) add('variable', variable[1]!, range);
          else scanLine(value, range.line, range.column + 1);
          return;
        }
        case 'text': {
          const value = node.value ?? '';
          addWords(value);
          const range = rangeOf(node);
          value.split('\n').forEach((line, index) => scanLine(line, range.line + index, index === 0 ? range.column : 1));
          return;
        }
        case 'link': {
          const range = rangeOf(node);
          const url = node.url ? parseUrl(node.url) : undefined;
          if (url && node.url) add('url', node.url, range, url);
          addWords(node.url ?? '');
          for (const child of node.children ?? []) if (child.type !== 'text' || !URL_PATTERN.test(child.value ?? '')) visit(child);
          URL_PATTERN.lastIndex = 0;
          return;
        }
        case 'table': {
          visitTable(node);
          return;
        }
        default:
          for (const child of node.children ?? []) visit(child);
      }
    };
    const visitTable = (table: MarkdownNode): void => {
      const rows = table.children ?? [];
      const header = (rows[0]?.children ?? []).map((cell) => textOf(cell).trim().toLowerCase());
      const serviceColumn = header.findIndex((title) => /^(services?|containers?)$/.test(title));
      const portColumn = header.findIndex((title) => /^(host )?ports?$/.test(title));
      rows.forEach((row, rowIndex) => {
        (row.children ?? []).forEach((cell, column) => {
          if (rowIndex > 0 && column === serviceColumn) {
            const name = textOf(cell).trim().replace(/^`|`$/g, '');
            if (/^[a-z0-9][a-z0-9_.-]*$/.test(name)) {
              addWords(name);
              add('service', name, rangeOf(cell.children?.[0] ?? cell));
              return;
            }
          }
          if (rowIndex > 0 && column === portColumn) {
            for (const match of textOf(cell).matchAll(/\b(\d{2,5})\b/g)) add('port', match[1]!, rangeOf(cell.children?.[0] ?? cell));
            addWords(textOf(cell));
            return;
          }
          for (const child of cell.children ?? []) visit(child);
        });
      });
    };
    visit(tree);
  }
  return { files: documents.map((document) => document.file), mentions, words };
}
