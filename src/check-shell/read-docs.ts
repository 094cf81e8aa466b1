import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { SourceText } from '../check/check-compose.js';
import { readText } from './read-text.js';

export interface DocumentInput {
  readonly file: string;
  /** The text; read from `file` when absent. */
  readonly text?: string;
}

/** Markdown files and folders (searched for *.md, node_modules skipped), read in a stable order. */
export async function readDocs(documents: readonly DocumentInput[], relativeTo: string): Promise<SourceText[]> {
  const result: SourceText[] = [];
  const display = (file: string): string => path.relative(relativeTo, file) || file;
  for (const document of documents) {
    if (document.text !== undefined) {
      result.push({ file: document.file, text: document.text });
      continue;
    }
    const info = await stat(document.file).catch(() => undefined);
    if (info?.isDirectory()) {
      const entries = await readdir(document.file, { recursive: true, withFileTypes: true });
      const files = entries
        .filter((entry) => entry.isFile() && entry.name.toLowerCase().endsWith('.md') && !entry.parentPath.includes('node_modules'))
        .map((entry) => path.join(entry.parentPath, entry.name))
        .sort();
      for (const file of files) result.push({ file: display(file), text: await readText(file, 'documentation') });
    } else {
      result.push({ file: display(document.file), text: await readText(document.file, 'documentation') });
    }
  }
  return result;
}
