import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOG_ALIASES, catalog, catalogIds, findCatalogEntry, validateCatalog } from '../../src/catalog/index.js';
import { renderCatalogDoc } from '../../src/catalog/render-doc.js';

const docPath = path.join(import.meta.dirname, '..', '..', 'docs', 'catalog.md');

describe('catalog', () => {
  it('passes validateCatalog with no problems', () => {
    expect(validateCatalog(catalog)).toEqual([]);
  });

  it('covers every service of the mission and aistack infrastructure', () => {
    expect(catalogIds()).toEqual([
      'adminer',
      'dify',
      'dify-beat',
      'dify-plugin-daemon',
      'dify-sandbox',
      'dify-ssrf-proxy',
      'dify-web',
      'dify-worker',
      'docker-socket-proxy',
      'flowise',
      'litellm',
      'mem0',
      'mem0-dashboard',
      'monitor',
      'n8n',
      'n8n-runners',
      'ollama',
      'open-webui',
      'postgres',
      'proxy',
      'qdrant',
      'redis',
      'supabase',
      'supabase-auth',
      'supabase-db',
      'supabase-meta',
      'supabase-rest',
      'supabase-studio',
    ]);
  });

  it('finds entries by id and returns undefined for unknown ids', () => {
    expect(findCatalogEntry('n8n')?.title).toBe('n8n');
    expect(findCatalogEntry('n8')).toBeUndefined();
  });

  it('keeps the retired OpenMemory ids as aliases of their Mem0 successors', () => {
    expect(CATALOG_ALIASES.map((alias) => [alias.id, alias.to])).toEqual([
      ['openmemory', 'mem0'],
      ['openmemory-ui', 'mem0-dashboard'],
    ]);
    for (const alias of CATALOG_ALIASES) {
      expect(findCatalogEntry(alias.to), alias.to).toBeDefined();
      expect(findCatalogEntry(alias.id), alias.id).toBeUndefined();
    }
  });

  it('is frozen', () => {
    expect(Object.isFrozen(catalog)).toBe(true);
  });

  it('lists as user-facing exactly the services a user enables', () => {
    const userFacing = catalog.filter((entry) => !entry.partOf && entry.category !== 'infrastructure').map((entry) => entry.id);
    expect(userFacing).toEqual([
      'adminer',
      'dify',
      'flowise',
      'litellm',
      'mem0',
      'n8n',
      'ollama',
      'open-webui',
      'postgres',
      'qdrant',
      'redis',
      'supabase',
    ]);
  });

  it('makes Dify, Supabase, n8n and Mem0 bring their parts along', () => {
    const parts = (owner: string) => catalog.filter((entry) => entry.partOf === owner).map((entry) => entry.id);
    for (const owner of ['dify', 'supabase', 'n8n', 'mem0']) {
      const requires = findCatalogEntry(owner)?.requires ?? [];
      for (const part of parts(owner)) expect(requires, `${owner} requires ${part}`).toContain(part);
    }
    expect(parts('dify')).toEqual(['dify-beat', 'dify-plugin-daemon', 'dify-sandbox', 'dify-ssrf-proxy', 'dify-web', 'dify-worker']);
    expect(parts('supabase')).toEqual(['supabase-auth', 'supabase-db', 'supabase-meta', 'supabase-rest', 'supabase-studio']);
  });

  it('docs/catalog.md is what renderCatalogDoc makes of the catalog (UPDATE_GOLDEN=1 rewrites it)', async () => {
    const rendered = renderCatalogDoc(catalog);
    if (process.env.UPDATE_GOLDEN === '1') await writeFile(docPath, rendered);
    expect(existsSync(docPath)).toBe(true);
    expect(await readFile(docPath, 'utf8')).toBe(rendered);
  });

  it('renders the same document twice and whatever the input order', () => {
    expect(renderCatalogDoc([...catalog].reverse())).toBe(renderCatalogDoc(catalog));
  });
});
