import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderProxy } from '../../../src/render/proxy/render-proxy.js';
import { stackFromYaml } from './support/stack.js';

/**
 * test/render/proxy/golden/<case>/aistack.yaml renders to exactly the files under <case>/expected/.
 * UPDATE_GOLDEN=1 rewrites them; review the diff like code.
 */
const goldenRoot = path.join(import.meta.dirname, 'golden');
const update = process.env.UPDATE_GOLDEN === '1';
const cases = (await readdir(goldenRoot, { withFileTypes: true }))
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

async function listExpected(directory: string): Promise<string[]> {
  if (!existsSync(directory)) return [];
  const entries = await readdir(directory, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(directory, path.join(entry.parentPath, entry.name)))
    .sort();
}

async function render(name: string): Promise<{ path: string; content: string }[]> {
  const directory = path.join(goldenRoot, name);
  const text = await readFile(path.join(directory, 'aistack.yaml'), 'utf8');
  return renderProxy(stackFromYaml(text));
}

describe('proxy golden renders', () => {
  it('every golden case has an input manifest and expected files', async () => {
    expect(cases.length).toBeGreaterThanOrEqual(2);
    for (const name of cases) {
      expect(existsSync(path.join(goldenRoot, name, 'aistack.yaml')), `${name}/aistack.yaml`).toBe(true);
      expect((await listExpected(path.join(goldenRoot, name, 'expected'))).length, name).toBeGreaterThan(0);
    }
  });

  for (const name of cases) {
    it(`${name} renders byte for byte`, async () => {
      const files = await render(name);
      const expectedDirectory = path.join(goldenRoot, name, 'expected');
      if (update) {
        await rm(expectedDirectory, { recursive: true, force: true });
        for (const file of files) {
          await mkdir(path.dirname(path.join(expectedDirectory, file.path)), { recursive: true });
          await writeFile(path.join(expectedDirectory, file.path), file.content);
        }
      }
      expect(files.map((file) => file.path)).toEqual(await listExpected(expectedDirectory));
      for (const file of files) expect(file.content, file.path).toBe(await readFile(path.join(expectedDirectory, file.path), 'utf8'));
    });

    it(`${name} renders the same bytes twice`, async () => {
      expect(await render(name)).toEqual(await render(name));
    });
  }
});
