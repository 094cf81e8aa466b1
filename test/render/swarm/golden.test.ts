import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { resolveProjectText } from '../../../src/project/load.js';
import { resolveProjectPaths } from '../../../src/project/paths.js';
import { renderProjectFiles, renderProjectTarget } from '../../../src/project/render-project.js';

/**
 * Golden tests of the swarm target: test/render/swarm/golden/<case>/aistack.yaml renders to exactly
 * swarm.yaml under <case>/expected/ (the other files are the compose target's, compared here
 * too). UPDATE_GOLDEN=1 rewrites them; review the diff like code.
 */
const goldenRoot = path.join(import.meta.dirname, 'golden');
const update = process.env.UPDATE_GOLDEN === '1';
const cases = (await readdir(goldenRoot, { withFileTypes: true }))
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

describe('swarm golden renders', () => {
  it('every case has an input manifest and exactly one expected file', async () => {
    for (const name of cases) {
      expect(existsSync(path.join(goldenRoot, name, 'aistack.yaml')), `${name}/aistack.yaml`).toBe(true);
      expect(await readdir(path.join(goldenRoot, name, 'expected'))).toEqual(['swarm.yaml']);
    }
    expect(cases).toEqual(['cluster', 'starter']);
  });

  for (const name of cases) {
    it(`${name} renders swarm.yaml byte for byte`, async () => {
      const directory = path.join(goldenRoot, name);
      const project = resolveProjectText(resolveProjectPaths(directory), await readFile(path.join(directory, 'aistack.yaml'), 'utf8'));
      const files = renderProjectTarget(project, 'swarm');
      const stackFile = files.find((file) => file.path === 'swarm.yaml')!;
      const expected = path.join(directory, 'expected', 'swarm.yaml');
      if (update) {
        await rm(path.dirname(expected), { recursive: true, force: true });
        await mkdir(path.dirname(expected), { recursive: true });
        await writeFile(expected, stackFile.content);
      }
      expect(stackFile.content).toBe(await readFile(expected, 'utf8'));
      // Everything else is the compose target's, byte for byte, without compose.yaml and .env, but
      // for the proxy's 1 s DNS cache (tasks leave Swarm's DNS 2 s before they stop).
      const compose = renderProjectFiles(project)
        .filter((file) => file.path !== 'compose.yaml' && file.path !== '.env')
        .map((file) =>
          file.path === 'proxy/nginx.conf'
            ? { ...file, content: file.content.replace(' valid=10s ipv6=off;', ' valid=1s ipv6=off;') }
            : file,
        );
      expect(files.find((file) => file.path === 'proxy/nginx.conf')!.content).toContain('resolver 127.0.0.11 valid=1s ipv6=off;');
      expect(files.filter((file) => file.path !== 'swarm.yaml')).toEqual(compose);
      expect(renderProjectTarget(project, 'swarm')).toEqual(files);
    });
  }

  it('secret versions name each Swarm secret after its value, and nothing else changes', async () => {
    const directory = path.join(goldenRoot, 'starter');
    const project = resolveProjectText(resolveProjectPaths(directory), await readFile(path.join(directory, 'aistack.yaml'), 'utf8'));
    const plain = renderProjectTarget(project, 'swarm').find((file) => file.path === 'swarm.yaml')!.content;
    const versioned = renderProjectTarget(project, 'swarm', { secretVersions: { 'qdrant-api-key': '0123456789' } }).find(
      (file) => file.path === 'swarm.yaml',
    )!.content;
    expect(versioned).toBe(
      plain
        .replaceAll('source: qdrant-api-key\n', 'source: qdrant-api-key-0123456789\n')
        .replace('\n  qdrant-api-key:\n', '\n  qdrant-api-key-0123456789:\n'),
    );
  });

  // The docker CLI sorts a service's configs by name, not stably: two mounts of one config (the
  // proxy's nginx.conf, also under its config directory) swapped places between two deploys of
  // the same file, so Swarm saw a changed spec and replaced the proxy's task (stop-first) at
  // every deploy, refusing connections on the published port for seconds.
  it('mounts each Swarm config once per service, so an unchanged service keeps its spec', async () => {
    for (const name of cases) {
      const directory = path.join(goldenRoot, name);
      const project = resolveProjectText(resolveProjectPaths(directory), await readFile(path.join(directory, 'aistack.yaml'), 'utf8'));
      const stackFile = renderProjectTarget(project, 'swarm').find((file) => file.path === 'swarm.yaml')!;
      const document = parse(stackFile.content, { version: '1.1' }) as { services: Record<string, { configs?: { source: string }[] }> };
      for (const [id, service] of Object.entries(document.services)) {
        const sources = (service.configs ?? []).map((config) => config.source);
        expect(sources, `${name}: ${id}`).toEqual([...new Set(sources)]);
      }
    }
  });
});
