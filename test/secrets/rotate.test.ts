import { access, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import bcrypt from 'bcryptjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensureSecrets } from '../../src/secrets/ensure.js';
import type { ConsumerContainers, RotationDependencies } from '../../src/secrets/rotate.js';
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

const read = (file: string): Promise<string> => readFile(path.join(directory, file), 'utf8');
const exists = (file: string): Promise<boolean> =>
  access(path.join(directory, file)).then(
    () => true,
    () => false,
  );
const deps = (restart: (service: string) => Promise<void>, extra: Partial<RotationDependencies> = {}): RotationDependencies => ({
  stack,
  secretsDirectory: directory,
  serverAddress: async () => undefined,
  restart,
  ...extra,
});

describe('rotateSecret without a server', () => {
  it('refuses unknown names and encryption keys', async () => {
    await expect(
      rotateSecret(
        'nope',
        deps(async () => {}),
      ),
    ).rejects.toMatchObject({
      code: 'AIS_SECRETS_UNKNOWN',
      message: 'the stack has no secret "nope"',
    });
    const critical = stack.secrets.find((secret) => secret.critical)!;
    await expect(
      rotateSecret(
        critical.name,
        deps(async () => {}),
      ),
    ).rejects.toMatchObject({ code: 'AIS_SECRETS_ROTATE_CRITICAL' });
  });

  it('needs the running PostgreSQL for a role password, and changes nothing without it', async () => {
    const database = stack.databases[0]!;
    const before = await read(database.passwordSecret);
    await expect(
      rotateSecret(
        database.passwordSecret,
        deps(async () => {}),
      ),
    ).rejects.toMatchObject({
      code: 'AIS_SECRETS_NO_SERVER',
      message: `rotating "${database.passwordSecret}" needs the running postgres, and it does not run`,
    });
    expect(await read(database.passwordSecret)).toBe(before);
    expect(await exists(`${database.passwordSecret}.rotation.json`)).toBe(false);
  });

  it('rotates the proxy password with its htpasswd line and bearer map in every copy, restarting only the proxy', async () => {
    const before = await read('proxy-basic-auth');
    const restarted: string[] = [];
    const result = await rotateSecret(
      'proxy-basic-auth',
      deps(async (service) => {
        restarted.push(service);
      }),
    );
    const after = await read('proxy-basic-auth');
    expect(result).toMatchObject({
      name: 'proxy-basic-auth',
      server: undefined,
      delivered: ['proxy'],
      restarted: [{ service: 'proxy' }],
      live: [],
      perUse: [],
      notRunning: [],
      windowMs: 0,
      resumed: false,
    });
    expect(restarted).toEqual(['proxy']);
    expect(after).not.toBe(before);
    const hash = await read('proxy-basic-auth.htpasswd');
    expect(bcrypt.compareSync(after, hash.trim().slice(6))).toBe(true);
    expect(await read('mounted/proxy/proxy-basic-auth')).toBe(hash);
    expect(await read('proxy-basic-auth.bearer')).toBe(`"Bearer ${after}" 1;\n`);
    expect(await read('mounted/proxy/proxy-basic-auth-bearer')).toBe(`"Bearer ${after}" 1;\n`);
    expect(await read('proxy-basic-auth.previous')).toBe(before);
    expect(await exists('proxy-basic-auth.rotation.json')).toBe(false);
    expect(await exists('proxy-basic-auth.next')).toBe(false);
  });

  it('replaces each copy whole: a reader during the rotation sees the old value or the new one, never part of either', async () => {
    const copy = path.join(directory, 'mounted', 'proxy', 'proxy-basic-auth-bearer');
    const before = await readFile(copy, 'utf8');
    const seen = new Set<string>();
    let reading = true;
    const reader = (async () => {
      while (reading) seen.add(await readFile(copy, 'utf8'));
    })();
    await rotateSecret(
      'proxy-basic-auth',
      deps(async () => {}),
    );
    reading = false;
    await reader;
    const after = await readFile(copy, 'utf8');
    expect([...seen].filter((text) => text !== before && text !== after)).toEqual([]);
  });

  it('stops at a consumer that does not come back, says what each consumer holds, and finishes with the same value when run again', async () => {
    const before = await read('proxy-basic-auth');
    const error = (await rotateSecret(
      'proxy-basic-auth',
      deps(async () => {
        throw new Error('proxy did not come back after the restart: not healthy after 30s');
      }),
    ).catch((caught: unknown) => caught)) as Error & { code: string; hint: string };
    expect(error).toMatchObject({
      code: 'AIS_SECRETS_ROTATION_INCOMPLETE',
      message:
        'rotating "proxy-basic-auth" stopped at "restart proxy": proxy did not come back after the restart: not healthy after 30s\n' +
        '  proxy  restarted with the new value, not healthy',
      hint:
        '`aistack secrets rotate proxy-basic-auth` finishes this rotation with the same new value (the old one is in ' +
        '.aistack/secrets/proxy-basic-auth.previous)',
    });
    const pending = await read('proxy-basic-auth');
    expect(pending).not.toBe(before);
    expect(error.message).not.toContain(pending);
    expect(error.message).not.toContain(before);
    expect(await exists('proxy-basic-auth.rotation.json')).toBe(true);

    const restarted: string[] = [];
    const result = await rotateSecret(
      'proxy-basic-auth',
      deps(async (service) => {
        restarted.push(service);
      }),
    );
    expect(result).toMatchObject({ resumed: true, restarted: [{ service: 'proxy' }] });
    expect(await read('proxy-basic-auth')).toBe(pending);
    expect(await read('proxy-basic-auth.previous')).toBe(before);
    expect(await exists('proxy-basic-auth.rotation.json')).toBe(false);
  });

  it('refuses, before changing anything, when a consumer runs in a container that mounts single files', async () => {
    const before = await read('proxy-basic-auth');
    const containers = async (services: readonly string[]): Promise<ReadonlyMap<string, ConsumerContainers>> =>
      new Map(services.map((service) => [service, 'file-mounts' as const]));
    await expect(
      rotateSecret(
        'proxy-basic-auth',
        deps(async () => {}, { consumerContainers: containers }),
      ),
    ).rejects.toMatchObject({
      code: 'AIS_SECRETS_FILE_MOUNTS',
      message:
        'proxy runs in a container made by an older compose.yaml that mounts each secret as a single file; a rotated value would never reach it',
    });
    expect(await read('proxy-basic-auth')).toBe(before);
  });

  it('does not restart a consumer that is not running: it reads the new value when it starts', async () => {
    const restarted: string[] = [];
    const result = await rotateSecret(
      'proxy-basic-auth',
      deps(
        async (service) => {
          restarted.push(service);
        },
        { consumerContainers: async (services) => new Map(services.map((service) => [service, 'stopped' as const])) },
      ),
    );
    expect(restarted).toEqual([]);
    expect(result).toMatchObject({ restarted: [], notRunning: ['proxy'] });
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
