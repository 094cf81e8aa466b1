import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRegistryAuth, registryHostOf } from '../../src/runtime/registry-auth.js';

/** Credentials as `docker login` leaves them: config.json `auths`, or a credential helper program. */
let directory = '';
beforeAll(async () => {
  directory = await mkdtemp(path.join(os.tmpdir(), 'aistack-registry-auth-'));
});
afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe('registry credentials', () => {
  it('finds the registry host of a reference; none for the default registry', () => {
    expect(registryHostOf('127.0.0.1:5000/mirror/redis:8')).toBe('127.0.0.1:5000');
    expect(registryHostOf('localhost/x:1')).toBe('localhost');
    expect(registryHostOf('mirror.internal/x/y:1')).toBe('mirror.internal');
    expect(registryHostOf('ollama/ollama:0.32.15')).toBeUndefined();
    expect(registryHostOf('postgres:18')).toBeUndefined();
  });

  it('reads `auths` of $DOCKER_CONFIG/config.json, and sends nothing for other registries', async () => {
    const config = path.join(directory, 'plain');
    await mkdir(config);
    await writeFile(
      path.join(config, 'config.json'),
      JSON.stringify({ auths: { '127.0.0.1:5000': { auth: Buffer.from('mirror-user:s3cret:with:colons').toString('base64') } } }),
    );
    const environment = { DOCKER_CONFIG: config };
    expect(await readRegistryAuth('127.0.0.1:5000/mirror/redis:8', environment)).toEqual({
      username: 'mirror-user',
      password: 's3cret:with:colons',
      serveraddress: '127.0.0.1:5000',
    });
    expect(await readRegistryAuth('127.0.0.1:6000/mirror/redis:8', environment)).toBeUndefined();
    expect(await readRegistryAuth('redis:8', environment)).toBeUndefined();
    expect(await readRegistryAuth('127.0.0.1:5000/x:1', { DOCKER_CONFIG: path.join(directory, 'absent') })).toBeUndefined();
  });

  it('asks the credential helper named in credHelpers, with the host on stdin', async () => {
    const config = path.join(directory, 'helper');
    const bin = path.join(directory, 'bin');
    await mkdir(config);
    await mkdir(bin);
    await writeFile(path.join(config, 'config.json'), JSON.stringify({ credHelpers: { '127.0.0.1:5000': 'aistacktest' } }));
    const helper = path.join(bin, 'docker-credential-aistacktest');
    await writeFile(
      helper,
      '#!/bin/sh\n[ "$1" = get ] || exit 1\nread host\nprintf \'{"ServerURL":"%s","Username":"helper-user","Secret":"from-helper"}\' "$host"\n',
    );
    await chmod(helper, 0o755);
    expect(await readRegistryAuth('127.0.0.1:5000/mirror/redis:8', { DOCKER_CONFIG: config, PATH: `${bin}:${process.env.PATH}` })).toEqual({
      username: 'helper-user',
      password: 'from-helper',
      serveraddress: '127.0.0.1:5000',
    });
  });
});
