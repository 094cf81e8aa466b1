import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

let directory: string;

async function aistack(...args: string[]): Promise<{ stdout: string; stderr: string }> {
  const { registerSecretsCommand } = await import('../../../src/cli/secrets.js');
  const { registerTlsCommand } = await import('../../../src/cli/tls.js');
  const { registerHardenCommand } = await import('../../../src/cli/harden.js');
  const program = new Command('aistack').option('-C, --directory <dir>', 'project directory', '.').exitOverride();
  registerSecretsCommand(program);
  registerTlsCommand(program);
  registerHardenCommand(program);
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((stdout += chunk.toString()), true));
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => ((stderr += chunk.toString()), true));
  try {
    await program.parseAsync(['node', 'aistack', '-C', directory, ...args]);
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
  return { stdout, stderr };
}

beforeAll(async () => {
  directory = await mkdtemp(path.join(os.tmpdir(), 'aistack-secrets-cli-'));
  await writeFile(path.join(directory, 'aistack.yaml'), 'name: clitest\ndomain: ai.example.test\nservices:\n  open-webui:\n  ollama:\n');
});
afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe('aistack secrets, tls and harden', () => {
  it('secrets generates what is missing and lists names, kinds, ages and users, never values', async () => {
    const { stdout, stderr } = await aistack('secrets');
    expect(stdout.split('\n')[0]).toMatch(/^NAME\s+KIND\s+AGE\s+USED BY$/);
    expect(stdout).toMatch(/proxy-basic-auth\s+htpasswd\s+new\s+proxy/);
    expect(stderr).toMatch(/^generated \d+ secrets in /);
    const value = await readFile(path.join(directory, '.aistack/secrets/proxy-basic-auth'), 'utf8');
    expect(stdout).not.toContain(value);
    const again = await aistack('secrets');
    expect(again.stdout).toMatch(/proxy-basic-auth\s+htpasswd\s+0d\s+proxy/);
    expect(again.stderr).toBe('');
  });

  it('secrets show prints one value, and says so on stderr', async () => {
    const { stdout, stderr } = await aistack('secrets', 'show', 'proxy-basic-auth');
    expect(stdout).toBe(`${await readFile(path.join(directory, '.aistack/secrets/proxy-basic-auth'), 'utf8')}\n`);
    expect(stderr).toBe('printing the value of proxy-basic-auth because you asked for it by name\n');
    await expect(aistack('secrets', 'show', 'nope')).rejects.toMatchObject({ code: 'AIS_SECRETS_UNKNOWN' });
  });

  it('tls renew creates the local CA and leaf; tls lists them', async () => {
    const renew = await aistack('tls', 'renew');
    expect(renew.stdout).toMatch(
      /^self-signed: issued a certificate \(missing\) for \*\.ai\.example\.test, ai\.example\.test, chat\.ai\.example\.test/,
    );
    const status = await aistack('tls');
    expect(status.stdout).toMatch(
      new RegExp(
        String.raw`^mode: self-signed\nCERTIFICATE\s+ISSUER\s+NOT AFTER\s+DAYS LEFT\s+NAMES\n` +
          String.raw`served\s+CN=aistack local CA \(clitest\), O=aistack\s+\d{4}-\d\d-\d\d\s+39[67]\s+\*\.ai\.example\.test, `,
      ),
    );
    expect(status.stdout).toMatch(/\nlocal CA\s+CN=aistack local CA \(clitest\), O=aistack\s+\d{4}-\d\d-\d\d\s+36\d\d\s+-\n$/);
  });

  it('harden --print prints the DOCKER-USER script', async () => {
    const { stdout } = await aistack('harden', '--print');
    expect(stdout).toContain('iptables -C DOCKER-USER -j AISTACK-USER 2>/dev/null || iptables -I DOCKER-USER 1 -j AISTACK-USER\n');
  });
});
