import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MANIFEST_DESCRIPTIONS } from '../../src/manifest/doc-descriptions.js';
import { listManifestDocRows, renderManifestDoc } from '../../src/manifest/render-doc.js';

const documentPath = path.resolve(import.meta.dirname, '../../docs/manifest.md');

describe('renderManifestDoc', () => {
  it('docs/manifest.md is what the schema generates (UPDATE_GOLDEN=1 rewrites it)', async () => {
    const rendered = renderManifestDoc();
    if (process.env.UPDATE_GOLDEN === '1') await writeFile(documentPath, rendered);
    expect(await readFile(documentPath, 'utf8')).toBe(rendered);
  });

  it('every key has a description', () => {
    expect(
      listManifestDocRows()
        .filter((row) => row.description === '')
        .map((row) => row.path),
    ).toEqual([]);
  });

  it('no description names a key the schema does not have', () => {
    const paths = new Set(listManifestDocRows().map((row) => row.path));
    expect(Object.keys(MANIFEST_DESCRIPTIONS).filter((key) => !paths.has(key))).toEqual([]);
  });

  it('documents a key with its type, whether it is required and its default', () => {
    const rendered = renderManifestDoc();
    expect(rendered).toContain('| `replicas` | integer 1–32 | no |  | Number of containers. Default: 1. |');
    expect(rendered).toContain('| `name` | string | yes |  |');
    expect(rendered).toContain('| `tls` | mapping (one of the forms below) | no | `{"mode":"self-signed"}` |');
    expect(rendered).toContain('## `tls` (mode: acme)');
  });
});
