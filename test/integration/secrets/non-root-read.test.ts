import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { loadProject } from '../../../src/project/load.js';
import { renderProjectFiles } from '../../../src/project/render-project.js';
import { writeRenderedFiles } from '../../../src/project/write-files.js';
import { ensureSecrets } from '../../../src/secrets/ensure.js';
import { ensureTestImage } from '../../support/images.js';

/**
 * Compose mounts secret files with their host owner and mode. A service whose image runs as
 * another user (n8n as 1000, LiteLLM as 65532) must still read its secret through the rendered
 * compose.yaml, while the stored value stays 0600.
 */
const run = promisify(execFile);
const workspace = await mkdtemp(path.join(os.tmpdir(), 'aistack-nonroot-'));
const project = `nonroot${process.pid}`;
afterAll(async () => {
  await run('docker-compose', ['-p', project, 'down', '--volumes'], { cwd: workspace }).catch(() => undefined);
  await rm(workspace, { recursive: true, force: true });
});

describe('secrets in containers', () => {
  it('reach a service that runs as a non-root user, through the rendered compose file', async () => {
    const busybox = await ensureTestImage('busybox');
    await writeFile(
      path.join(workspace, 'aistack.yaml'),
      [
        'name: nonroot',
        'domain: ai.example.com',
        'monitor: { enabled: false }',
        'custom:',
        '  reader:',
        `    image: ${busybox}`,
        '    user: "1000:1000"',
        '    postgres: true',
        '    command: [sh, -c, "cat $DATABASE_PASSWORD_FILE"]',
        '',
      ].join('\n'),
    );
    const loaded = await loadProject(workspace);
    await ensureSecrets(loaded.paths.secrets, loaded.stack.secrets);
    await writeRenderedFiles(workspace, renderProjectFiles(loaded));
    const expected = await readFile(path.join(loaded.paths.secrets, 'postgres-reader-password'), 'utf8');

    const { stdout } = await run('docker-compose', ['-p', project, 'run', '--rm', '--no-deps', '-T', 'reader'], { cwd: workspace });
    expect(stdout.trim()).toBe(expected);

    // The stored value itself is 0600 root: mounted as it is, user 1000 could not read it.
    const denied = await run('docker', [
      'run',
      '--rm',
      '--user',
      '1000:1000',
      '-v',
      `${path.join(loaded.paths.secrets, 'postgres-reader-password')}:/run/secrets/x:ro`,
      busybox,
      'cat',
      '/run/secrets/x',
    ]).then(
      () => 'read',
      (error: unknown) => (error as { stderr?: string }).stderr ?? '',
    );
    expect(denied).toMatch(/Permission denied/);
  }, 120_000);
});
