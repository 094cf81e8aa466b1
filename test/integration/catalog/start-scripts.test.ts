import { execFile, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { findCatalogEntry } from '../../../src/catalog/index.js';
import { KONG_TEMPLATE } from '../../../src/catalog/supabase.js';
import { freePort } from '../../support/processes.js';

function exitCode(command: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  return new Promise((resolve) => execFile(command, args, { timeout: 10_000, env }, (error) => resolve(error ? 1 : 0)));
}

describe('start scripts', () => {
  it('starts Redis with the password from the secret file, off the command line, and its health check passes', async () => {
    const redis = findCatalogEntry('redis');
    const script = redis?.command?.[2] ?? '';
    const health = redis?.health.test ?? [];
    const directory = await mkdtemp(path.join(tmpdir(), 'aistack-redis-'));
    const port = await freePort();
    const secret = path.join(directory, 'redis-password');
    await writeFile(secret, 'Zq9-example-password_for-tests');
    // The image's entrypoint (drops to the redis user) is replaced by a plain redis-server on a test port.
    const local = script
      .replaceAll('/run/secrets/redis-password', secret)
      .replace('dir /data', `dir ${directory}`)
      .replace('exec docker-entrypoint.sh redis-server -', `exec redis-server --port ${port} --bind 127.0.0.1 -`);
    const child = spawn('sh', ['-c', local], { stdio: 'ignore' });
    try {
      const healthScript = (health[3] ?? '')
        .replaceAll('/run/secrets/redis-password', secret)
        .replace('-h 127.0.0.1', `-h 127.0.0.1 -p ${port}`);
      let healthy = 1;
      for (let attempt = 0; attempt < 50 && healthy !== 0; attempt += 1) {
        healthy = await exitCode('sh', ['-c', healthScript]);
        if (healthy !== 0) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(healthy).toBe(0);
      // Without the password Redis answers NOAUTH: the check must fail, not pass on exit code 0.
      expect(await exitCode('sh', ['-c', `redis-cli -h 127.0.0.1 -p ${port} ping | grep -q PONG`])).toBe(1);
      // exec: the server replaced the shell, and the password is on no command line at all.
      const commandLine = await new Promise<string>((resolve) =>
        execFile('ps', ['-o', 'args=', '-p', String(child.pid)], (_error, stdout) => resolve(stdout)),
      );
      expect(commandLine.trim()).toBe(`redis-server 127.0.0.1:${port}`);
      const everyCommandLine = await new Promise<string>((resolve) =>
        execFile('ps', ['-eo', 'args='], (_error, stdout) => resolve(stdout)),
      );
      expect(everyCommandLine).not.toContain('Zq9-example-password_for-tests');
    } finally {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
      await rm(directory, { recursive: true, force: true });
    }
  });

  it('refuses to start Redis without a password file', async () => {
    const script = (findCatalogEntry('redis')?.command?.[2] ?? '').replaceAll('/run/secrets/redis-password', '/nonexistent/redis-password');
    const stderr = await new Promise<string>((resolve) =>
      execFile('sh', ['-c', script], { timeout: 10_000 }, (_error, _stdout, errors) => resolve(errors)),
    );
    expect(stderr).toBe('aistack: /nonexistent/redis-password is missing or empty\n');
  });

  it("renders Kong's declarative config as YAML with every placeholder filled", async () => {
    const supabase = findCatalogEntry('supabase');
    const script = supabase?.command?.[2] ?? '';
    const local = script.replace('umask 077; ', '').replace(' > /tmp/kong.yml; exec /docker-entrypoint.sh kong docker-start', '');
    const output = await new Promise<string>((resolve, reject) =>
      execFile(
        'sh',
        ['-c', local],
        {
          env: {
            PATH: process.env.PATH,
            SUPABASE_ANON_KEY: 'eyJ.anon.sig',
            SUPABASE_SERVICE_KEY: 'eyJ.service.sig',
            DASHBOARD_USERNAME: 'supabase',
            DASHBOARD_PASSWORD: 'pw-1_x',
          },
        },
        (error, stdout) => {
          if (error) reject(new Error(error.message, { cause: error }));
          else resolve(stdout);
        },
      ),
    );
    expect(output).not.toMatch(/@[A-Z_]+@/);
    const config = parse(output) as {
      consumers: { username: string; keyauth_credentials?: { key: string }[] }[];
      services: { name: string; url: string }[];
      basicauth_credentials: { password: string }[];
    };
    expect(config.consumers.find((consumer) => consumer.username === 'anon')?.keyauth_credentials?.[0]?.key).toBe('eyJ.anon.sig');
    expect(config.basicauth_credentials[0]?.password).toBe('pw-1_x');
    expect(config.services.map((service) => service.name)).toEqual([
      'auth-v1-open',
      'auth-v1-open-callback',
      'auth-v1-open-authorize',
      'auth-v1',
      'rest-v1',
      'meta',
      'dashboard',
    ]);
    expect(KONG_TEMPLATE.join('\n')).not.toContain('eyJ');
  });
});
