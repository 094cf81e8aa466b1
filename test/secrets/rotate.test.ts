import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import bcrypt from 'bcryptjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensureSecrets } from '../../src/secrets/ensure.js';
import { rotateSecret } from '../../src/secrets/rotate.js';
import { createScramVerifier } from '../../src/secrets/scram.js';
import { stackFromYaml } from '../render/proxy/support/stack.js';

const stack = stackFromYaml('name: demo\ndomain: ai.example.test\nservices:\n  n8n:\n  ollama:\nmonitor:\n  enabled: false\n');
let directory: string;
beforeEach(async () => {
  directory = await mkdtemp(path.join(os.tmpdir(), 'aistack-rotate-'));
  await ensureSecrets(directory, stack.secrets);
});
afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

const deps = (restart: (services: readonly string[]) => Promise<{ healthy: boolean }>) => ({
  stack,
  secretsDirectory: directory,
  restartDependents: restart,
});

describe('rotateSecret without a server', () => {
  it('refuses unknown names and encryption keys', async () => {
    await expect(
      rotateSecret(
        'nope',
        deps(async () => ({ healthy: true })),
      ),
    ).rejects.toMatchObject({ code: 'AIS_SECRETS_UNKNOWN', message: 'the stack has no secret "nope"' });
    const critical = stack.secrets.find((secret) => secret.critical)!;
    await expect(
      rotateSecret(
        critical.name,
        deps(async () => ({ healthy: true })),
      ),
    ).rejects.toMatchObject({ code: 'AIS_SECRETS_ROTATE_CRITICAL' });
  });

  it('needs the running PostgreSQL for a role password', async () => {
    const database = stack.databases[0]!;
    await expect(
      rotateSecret(
        database.passwordSecret,
        deps(async () => ({ healthy: true })),
      ),
    ).rejects.toMatchObject({ code: 'AIS_SECRETS_NO_SERVER' });
    expect(await readFile(path.join(directory, database.passwordSecret), 'utf8')).toMatch(/^[A-Za-z0-9_-]{32}$/);
  });

  it('rotates the proxy password with its htpasswd line and bearer map, restarting only the proxy', async () => {
    const before = await readFile(path.join(directory, 'proxy-basic-auth'), 'utf8');
    const restarted: string[][] = [];
    const result = await rotateSecret(
      'proxy-basic-auth',
      deps(async (services) => (restarted.push([...services]), { healthy: true })),
    );
    const after = await readFile(path.join(directory, 'proxy-basic-auth'), 'utf8');
    expect(result).toEqual({ name: 'proxy-basic-auth', server: undefined, restarted: ['proxy'] });
    expect(restarted).toEqual([['proxy']]);
    expect(after).not.toBe(before);
    expect(bcrypt.compareSync(after, (await readFile(path.join(directory, 'proxy-basic-auth.htpasswd'), 'utf8')).trim().slice(6))).toBe(
      true,
    );
    expect(await readFile(path.join(directory, 'proxy-basic-auth.bearer'), 'utf8')).toBe(`"Bearer ${after}" 1;\n`);
    expect(await readFile(path.join(directory, 'proxy-basic-auth.previous'), 'utf8')).toBe(before);
  });

  it('puts the old value back when the dependents fail, without naming either value', async () => {
    const before = await readFile(path.join(directory, 'proxy-basic-auth'), 'utf8');
    const error = (await rotateSecret(
      'proxy-basic-auth',
      deps(async () => ({ healthy: false })),
    ).catch((caught: unknown) => caught)) as Error;
    expect(error).toMatchObject({
      code: 'AIS_SECRETS_ROTATION_ROLLED_BACK',
      message: 'proxy did not become healthy with the new value of "proxy-basic-auth"; the old value is back in the server and in the file',
    });
    expect(await readFile(path.join(directory, 'proxy-basic-auth'), 'utf8')).toBe(before);
    expect(bcrypt.compareSync(before, (await readFile(path.join(directory, 'proxy-basic-auth.htpasswd'), 'utf8')).trim().slice(6))).toBe(
      true,
    );
  });
});

describe('createScramVerifier', () => {
  it('matches the verifier PostgreSQL documents for a known salt (RFC 7677 key derivation)', () => {
    const verifier = createScramVerifier('pencil', Buffer.from('W22ZaJ0SNY7soEsUEjb6gQ==', 'base64'), 4096);
    expect(verifier).toBe(
      'SCRAM-SHA-256$4096:W22ZaJ0SNY7soEsUEjb6gQ==$WG5d8oPm3OtcPnkdi4Uo7BkeZkBFzpcXkuLmtbsT4qY=:wfPLwcE6nTWhTAmQ7tl2KeoiWGPlZqQxSrmfPwDl2dU=',
    );
  });
});
