import { readdir, readFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { initProject } from '../../../src/cli/init.js';
import { loadProject } from '../../../src/project/load.js';
import { renderProjectFiles } from '../../../src/project/render-project.js';
import { writeRenderedFiles } from '../../../src/project/write-files.js';
import { ensureSecrets } from '../../../src/secrets/ensure.js';
import { readSecretValue } from '../../../src/secrets/store.js';

/** Generate every secret of the full stack, render, and look for each value in every rendered file. */
const workspace = await mkdtemp(path.join(os.tmpdir(), 'aistack-no-secrets-'));
afterAll(async () => rm(workspace, { recursive: true, force: true }));

async function listFiles(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && !path.join(entry.parentPath, entry.name).includes(`${path.sep}.aistack${path.sep}`))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

describe('rendered files', () => {
  it('contain no secret value: compose.yaml, .env, STACK.md, proxy config and init scripts of the full stack', async () => {
    await initProject(workspace, { preset: 'full', name: 'secretless', domain: 'ai.example.com' });
    const project = await loadProject(workspace);
    await ensureSecrets(project.paths.secrets, project.stack.secrets);
    const values: string[] = [];
    for (const secret of project.stack.secrets) {
      const value = await readSecretValue(project.paths.secrets, secret.name);
      expect(value, secret.name).toBeDefined();
      values.push(value!);
    }
    expect(values.length).toBeGreaterThan(20);
    await writeRenderedFiles(workspace, renderProjectFiles(project));
    await writeFile(path.join(workspace, 'marker'), 'rendered');

    const files = await listFiles(workspace);
    expect(files.map((file) => path.relative(workspace, file))).toEqual(
      expect.arrayContaining(['compose.yaml', '.env', 'STACK.md', 'proxy/nginx.conf', 'postgres-init/10-aistack-databases.sh']),
    );
    const leaks: string[] = [];
    for (const file of files) {
      const text = await readFile(file, 'utf8');
      for (const [index, value] of values.entries()) {
        // The tail catches a value inside a longer string; derived secrets (a URL around another
        // secret) end in their template's text, and their source is checked on its own.
        const derived = project.stack.secrets[index]!.derive !== undefined;
        if (text.includes(value) || (!derived && text.includes(value.slice(-16))))
          leaks.push(`${path.relative(workspace, file)} holds ${project.stack.secrets[index]!.name}`);
      }
    }
    expect(leaks).toEqual([]);
  });
});
