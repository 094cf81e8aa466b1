import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * One helper (src/util/is-missing-file.ts) decides that a file is missing. Code that compares an
 * error code with ENOENT itself tends to grow into "any error means missing"; this test keeps
 * every such decision in the helper.
 */
const root = path.resolve(import.meta.dirname, '../..');
const ALLOWED: Readonly<Record<string, string>> = {
  'src/util/is-missing-file.ts': 'the helper itself',
  'src/util/read-file-if-exists.ts': 'documents the helper',
  'src/runtime/docker-error.ts': 'ENOENT of the Docker socket means "Engine not reachable", not a missing file',
  'src/backup/executor.ts': 'ENOENT from spawn means "program not installed"',
  // Issue 12 item 22 (symlinked secrets) reworks these reads on its own branch.
  'src/secrets/store.ts': 'moves to the helper with the secrets rework (issue 12 item 22)',
};

describe('missing files', () => {
  it('only src/util/is-missing-file.ts compares an error with ENOENT', async () => {
    const entries = await readdir(path.join(root, 'src'), { withFileTypes: true, recursive: true });
    const offenders: string[] = [];
    for (const entry of entries) {
      if (!entry.isFile() || !entry.name.endsWith('.ts')) continue;
      const file = path.relative(root, path.join(entry.parentPath, entry.name));
      if (file in ALLOWED) continue;
      const lines = (await readFile(path.join(root, file), 'utf8')).split('\n');
      lines.forEach((line, index) => {
        if (line.includes('ENOENT')) offenders.push(`${file}:${index + 1}: ${line.trim()}`);
      });
    }
    expect(offenders).toEqual([]);
  });
});
