import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveStack } from '../../src/stack/resolve.js';
import { catalog } from '../../src/catalog/index.js';
import { manifestSchema } from '../../src/manifest/schema.js';

/**
 * The Stack carries every setting resolved (monitor, backup, upgrade, …): a shell module that
 * reads `stack.manifest` instead grows its own defaults beside resolve's. The core (manifest,
 * stack, render) may read it; nothing else does.
 */
const root = path.resolve(import.meta.dirname, '../..');
const CORE = ['src/manifest/', 'src/stack/', 'src/render/'];

describe('stack.manifest', () => {
  it('is read by no shell module', async () => {
    const entries = await readdir(path.join(root, 'src'), { withFileTypes: true, recursive: true });
    const offenders: string[] = [];
    for (const entry of entries) {
      if (!entry.isFile() || !entry.name.endsWith('.ts')) continue;
      const file = path.relative(root, path.join(entry.parentPath, entry.name));
      if (CORE.some((folder) => file.startsWith(folder))) continue;
      const lines = (await readFile(path.join(root, file), 'utf8')).split('\n');
      lines.forEach((line, index) => {
        if (/\bstack\.manifest\b/.test(line)) offenders.push(`${file}:${index + 1}: ${line.trim()}`);
      });
    }
    expect(offenders).toEqual([]);
  });

  it('has its upgrade settings resolved into stack.upgrade', () => {
    const manifest = manifestSchema.parse({
      name: 'ai',
      domain: 'ai.example.com',
      services: {},
      images: { registry: 'mirror.internal:5000' },
      upgrade: { quarantineDays: 3, quarantine: { ollama: 0 } },
    });
    expect(resolveStack(manifest, catalog).upgrade).toEqual({
      quarantineDays: 3,
      quarantineByService: { ollama: 0 },
      registry: 'mirror.internal:5000',
    });
    const plain = manifestSchema.parse({ name: 'ai', domain: 'ai.example.com', services: {} });
    expect(resolveStack(plain, catalog).upgrade).toEqual({ quarantineDays: undefined, quarantineByService: {}, registry: undefined });
  });
});
