import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Runs the built CLI (`npm test` builds first).
const cli = path.resolve(import.meta.dirname, '../../dist/cli/main.js');
let directory: string;

function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], {
      cwd: directory,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const CLEAN =
  'services:\n  web:\n    image: nginx:1.27\n    restart: unless-stopped\n    mem_limit: 64m\n    healthcheck:\n      test: ["CMD", "true"]\n';

beforeAll(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'aistack-check-cli-'));
  await writeFile(path.join(directory, 'clean.yml'), CLEAN);
  await writeFile(path.join(directory, 'warn.yml'), `version: "3"\n${CLEAN}`);
  await writeFile(path.join(directory, 'bad.yml'), `${CLEAN}    privileged: true\n`);
  await writeFile(path.join(directory, 'broken.yml'), 'services:\n  web: [a\n  db: {}\n');
  await writeFile(path.join(directory, 'README.md'), 'The `web` service.\n');
});

afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe('aistack check', () => {
  it('exits 0 on a clean file and prints the summary', async () => {
    expect(await run(['check', '-f', 'clean.yml', '--docs', 'README.md', '--no-probe'])).toEqual({
      code: 0,
      stdout: '✔ no problems found\n',
      stderr: '',
    });
  });

  it('exits 0 on warnings by default and 1 with --fail-on warning', async () => {
    const relaxed = await run(['check', '-f', 'warn.yml', '--no-probe']);
    expect(relaxed.code).toBe(0);
    expect(relaxed.stdout).toBe(
      'warn.yml\n  1:1     warning the top-level `version` is obsolete and ignored by Compose v2; remove it  ' +
        'compose/obsolete-version\n\n✖ 1 problem (0 errors, 1 warning, 0 info)\n',
    );
    expect((await run(['check', '-f', 'warn.yml', '--no-probe', '--fail-on', 'warning'])).code).toBe(1);
  });

  it('exits 1 on errors, and 0 when the rule is disabled', async () => {
    expect((await run(['check', '-f', 'bad.yml', '--no-probe'])).code).toBe(1);
    expect((await run(['check', '-f', 'bad.yml', '--no-probe', '--disable', 'security/privileged'])).code).toBe(0);
  });

  it('reads disabled rules with their reason from .aistack-check.yaml', async () => {
    await writeFile(
      path.join(directory, '.aistack-check.yaml'),
      'disable:\n  - rule: security/privileged\n    reason: the GPU exporter needs it\n',
    );
    try {
      expect((await run(['check', '-f', 'bad.yml', '--no-probe'])).code).toBe(0);
    } finally {
      await rm(path.join(directory, '.aistack-check.yaml'));
    }
  });

  it('exits 2 with the position when the YAML is invalid, and on a missing file', async () => {
    const broken = await run(['check', '-f', 'broken.yml']);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toBe(
      'error: broken.yml:3:3 AIS_CHECK_INVALID_YAML invalid YAML: missed comma between flow collection entries\nhint: fix ' +
        'the YAML syntax at that position, then run `aistack check` again\n',
    );
    const missing = await run(['check', '-f', 'nope.yml']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('AIS_CHECK_UNREADABLE cannot read compose file');
  });

  it('prints JSON and SARIF', async () => {
    const json = await run(['check', '-f', 'bad.yml', '--no-probe', '--format', 'json']);
    expect(
      (JSON.parse(json.stdout) as { ruleId: string; line: number; column: number }[]).map((finding) => [
        finding.ruleId,
        finding.line,
        finding.column,
      ]),
    ).toEqual([['security/privileged', 8, 5]]);
    const sarif = await run(['check', '-f', 'bad.yml', '--no-probe', '--format', 'sarif']);
    expect((JSON.parse(sarif.stdout) as { version: string }).version).toBe('2.1.0');
  });

  it('checks the current aistack project right after init, from aistack.yaml, without render', async () => {
    const project = path.join(directory, 'fresh');
    await mkdir(project);
    expect((await run(['-C', project, 'init'])).code).toBe(0);
    const checked = await run(['-C', project, 'check', '--no-probe', '--format', 'json']);
    expect(checked.stderr).toBe('');
    expect(checked.code).toBe(0);
    expect(
      (JSON.parse(checked.stdout) as { file: string; line: number; ruleId: string; severity: string }[]).map(
        (finding) => `${finding.file}:${finding.line} ${finding.severity} ${finding.ruleId}`,
      ),
    ).toEqual(['aistack.yaml:1 info project/drift']);
  });

  it('checks what aistack.yaml renders now, reports drift on disk, and reads README.md', async () => {
    const project = path.join(directory, 'project');
    await mkdir(project);
    expect((await run(['-C', project, 'init'])).code).toBe(0);
    expect((await run(['-C', project, 'render'])).code).toBe(0);
    const quiet: string[] = [];
    expect(await run(['-C', project, 'check', '--no-probe', ...quiet])).toEqual({ code: 0, stdout: '✔ no problems found\n', stderr: '' });
    await writeFile(path.join(project, 'README.md'), '# Our stack\n\nRestart it with `docker compose restart langfuse`.\n');
    const compose = await readFile(path.join(project, 'compose.yaml'), 'utf8');
    await writeFile(path.join(project, 'compose.yaml'), compose.replace('restart: unless-stopped', 'restart: always'));
    const drift = await run(['-C', project, 'check', '--no-probe', '--format', 'json', ...quiet]);
    expect(drift.code).toBe(0);
    const line = compose.split('\n').findIndex((text) => text.includes('restart: unless-stopped')) + 1;
    expect(
      (JSON.parse(drift.stdout) as { file: string; line: number; column: number; ruleId: string }[]).map(
        (finding) => `${finding.file}:${finding.line}:${finding.column} ${finding.ruleId}`,
      ),
    ).toEqual([`compose.yaml:${line}:1 project/drift`, 'README.md:3:41 docs/unknown-service']);
  });

  it('lists every rule', async () => {
    const listed = await run(['check', '--list-rules']);
    expect(listed.code).toBe(0);
    expect(listed.stdout.split('\n')[0]).toMatch(/^RULE +SEVERITY +DESCRIPTION$/);
    expect(listed.stdout).toContain('ports/host-conflict');
  });
});
