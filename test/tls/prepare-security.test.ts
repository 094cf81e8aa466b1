import { access, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveProjectPaths } from '../../src/project/paths.js';
import { prepareSecurity } from '../../src/tls/prepare-security.js';
import { stackFromYaml } from '../render/proxy/support/stack.js';

let directory: string;
beforeEach(async () => {
  directory = await mkdtemp(path.join(os.tmpdir(), 'aistack-prepare-'));
});
afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe('prepareSecurity', () => {
  it('generates the missing secrets and a certificate the proxy can serve, then does nothing the second time', async () => {
    const stack = stackFromYaml('name: demo\ndomain: ai.example.test\nservices:\n  open-webui:\n  ollama:\n');
    const paths = resolveProjectPaths(directory);
    const first = await prepareSecurity(stack, paths);
    expect(first.secretsCreated).toEqual(stack.secrets.map((secret) => secret.name).sort());
    expect(first.tls.summary).toMatch(/^issued a certificate \(missing\)/);
    await access(path.join(paths.tls, 'live', 'fullchain.pem'));
    await access(path.join(paths.secrets, 'proxy-basic-auth.htpasswd'));
    const second = await prepareSecurity(stack, paths);
    expect(second).toEqual({
      secretsCreated: [],
      warnings: [],
      tls: { mode: 'self-signed', summary: 'certificate is current', changed: false, warnings: [] },
    });
  });
});
