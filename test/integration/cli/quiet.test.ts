import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILT_CLI, runBuiltCli } from '../../support/built-cli.js';
import type { CliResult } from '../../support/built-cli.js';
import { freePort } from '../runtime/support.js';

/**
 * `-q/--quiet` in every command, as `docker compose -q`: no progress, notes or confirmations;
 * errors, warnings and the data asked for still appear. Each command runs once without and once
 * with -q, so the test shows what -q takes away.
 */
let directory = '';
const cli = (...args: string[]): Promise<CliResult> => runBuiltCli(['-C', directory, ...args]);

beforeAll(async () => {
  directory = await mkdtemp(path.join(os.tmpdir(), 'aistack-quiet-'));
  await writeFile(
    path.join(directory, 'aistack.yaml'),
    'name: aishyg-quiet\ndomain: ai.example.test\nservices:\n  open-webui: {}\n  ollama: {}\n',
  );
});
afterAll(async () => {
  if (directory) await rm(directory, { recursive: true, force: true });
});

describe('-q/--quiet', { timeout: 180_000 }, () => {
  it('secrets: the table, without the "generated" note; show: the value alone', async () => {
    const quiet = await cli('-q', 'secrets');
    expect(quiet.stderr).toBe('');
    expect(quiet.stdout).toMatch(/^NAME\s+KIND\s+AGE\s+USED BY\n/);
    expect(quiet.code).toBe(0);
    const value = await readFile(path.join(directory, '.aistack/secrets/proxy-basic-auth'), 'utf8');
    expect((await cli('secrets', 'show', 'proxy-basic-auth')).stderr).toBe(
      'printing the value of proxy-basic-auth because you asked for it by name\n',
    );
    expect(await cli('--quiet', 'secrets', 'show', 'proxy-basic-auth')).toEqual({ code: 0, stdout: `${value}\n`, stderr: '' });
  });

  it('check: the findings alone, nothing when there are none', async () => {
    expect((await cli('-q', 'render')).code).toBe(0);
    const loud = await cli('check', '--no-probe');
    expect(loud.stdout).toContain('no problems found');
    expect(await cli('-q', 'check', '--no-probe')).toEqual({ code: 0, stdout: '', stderr: '' });
    const compose = path.join(directory, 'foreign.yaml');
    await writeFile(compose, 'services:\n  app:\n    image: busybox:latest\n    privileged: true\n');
    const findings = await cli('-q', 'check', '--no-probe', '-f', compose);
    expect(findings.code).toBe(1);
    expect(findings.stdout).toMatch(/foreign\.yaml\n( {2}\d+:\d+ +.*\n)+$/);
    expect(findings.stdout).toContain('error   app runs privileged');
    expect(findings.stdout).not.toMatch(/problems? \(/);
  });

  it('tls renew: nothing when quiet (the reload is a confirmation too); tls: the table', async () => {
    const quiet = await cli('-q', 'tls', 'renew', '--force');
    expect(quiet).toEqual({ code: 0, stdout: '', stderr: '' });
    const loud = await cli('tls', 'renew', '--force');
    expect(loud.stdout).toMatch(/^self-signed: issued a certificate/);
    expect(loud.stdout).toContain('the proxy is not running');
    expect((await cli('-q', 'tls')).stdout).toMatch(/^mode: self-signed\nCERTIFICATE\s+ISSUER/);
    expect(await cli('-q', 'tls', 'reload')).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('harden --print: the script, as without -q', async () => {
    const loud = await cli('harden', '--print');
    expect(await cli('-q', 'harden', '--print')).toEqual(loud);
  });

  it('backup: the archive line alone; the key warning still appears', async () => {
    const first = await cli('-q', 'backup', 'config');
    expect(first.code).toBe(0);
    expect(first.stderr).toMatch(/^warning: created the backup key .*: keep a copy somewhere else/);
    expect(first.stderr.trim().split('\n')).toHaveLength(1);
    expect(first.stdout).toMatch(/^\S+ {2}\S+ \S+ {2}1 part\(s\), verified\n$/);
    const loud = await cli('backup', 'config');
    expect(loud.stderr).toMatch(/^verified /m);
    const quiet = await cli('-q', 'backup', 'config');
    expect(quiet.stderr).toBe('');
    expect(quiet.stdout).toMatch(/^\S+ {2}\S+ \S+ {2}1 part\(s\), verified\n$/);
    const verify = await cli('-q', 'backup', 'verify');
    expect(verify).toEqual({ code: 0, stdout: '', stderr: '' });
    expect((await cli('backup', 'verify')).stdout).toMatch(/^ok {5}/);
  });

  it('serve: no start-up lines (the dashboard still answers)', async () => {
    await writeFile(path.join(directory, 'password'), 'a-long-enough-admin-password\n', { mode: 0o600 });
    const port = await freePort();
    const child = spawn(
      process.execPath,
      [
        BUILT_CLI,
        '-C',
        directory,
        '-q',
        'serve',
        '--port',
        String(port),
        '--host',
        '127.0.0.1',
        '--password-file',
        path.join(directory, 'password'),
      ],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, NO_COLOR: '1' },
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const closed = new Promise((resolve) => child.on('close', resolve));
    try {
      let status = 0;
      for (let attempt = 0; attempt < 200 && status !== 200; attempt++) {
        status = await fetch(`http://127.0.0.1:${port}/livez`).then(
          (response) => response.status,
          () => 0,
        );
        if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(status).toBe(200);
    } finally {
      child.kill('SIGTERM');
      await closed;
    }
    expect(stdout).toBe('');
    expect(stderr).toBe('');
  });
});
