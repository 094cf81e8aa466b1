import { X509Certificate } from 'node:crypto';
import { copyFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { prepareTls } from '../../src/tls/ensure-tls.js';
import { resolveTlsFiles } from '../../src/tls/layout.js';
import { ensureSelfSigned } from '../../src/tls/self-signed.js';
import { stackFromYaml } from '../render/proxy/support/stack.js';

let directory: string;
beforeEach(async () => {
  directory = await mkdtemp(path.join(os.tmpdir(), 'aistack-tls-mode-'));
});
afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

const paths = (): { directory: string; tls: string; secrets: string } => ({
  directory,
  tls: path.join(directory, '.aistack/tls'),
  secrets: path.join(directory, '.aistack/secrets'),
});

describe('prepareTls per mode', () => {
  it('self-signed: a certificate for the domain, every route host and the wildcard', async () => {
    const stack = stackFromYaml('name: demo\ndomain: ai.example.test\nservices:\n  open-webui:\n  n8n:\n    route:\n      path: /n8n\n');
    const outcome = await prepareTls(stack, paths());
    expect(outcome.summary).toBe(
      'issued a certificate (missing) for *.ai.example.test, ai.example.test, chat.ai.example.test, monitor.ai.example.test',
    );
    expect((await prepareTls(stack, paths())).summary).toBe('certificate is current');
  });

  it('files: installs a valid certificate and refuses one that does not cover the routes, naming every problem', async () => {
    const user = resolveTlsFiles(path.join(directory, 'user'));
    await ensureSelfSigned(user, { stackName: 'user', hosts: ['chat.ai.example.test'] });
    await copyFile(user.fullchain, path.join(directory, 'cert.pem'));
    await copyFile(user.privateKey, path.join(directory, 'key.pem'));
    await copyFile(user.caCertificate, path.join(directory, 'chain.pem'));
    const good = stackFromYaml(
      'name: demo\ndomain: ai.example.test\ntls:\n  mode: files\n  certificate: cert.pem\n  key: key.pem\n  chain: ' +
        'chain.pem\nmonitor:\n  enabled: false\nservices:\n  open-webui:\n',
    );
    expect(await prepareTls(good, paths())).toEqual({ mode: 'files', summary: 'installed cert.pem', changed: true, warnings: [] });
    // The same files again: nothing for the proxy to reload.
    expect(await prepareTls(good, paths())).toMatchObject({ changed: false });
    const served = await readFile(resolveTlsFiles(paths().tls).fullchain, 'utf8');
    expect(new X509Certificate(served).subject).toBe('CN=chat.ai.example.test');
    const bad = stackFromYaml(
      'name: demo\ndomain: ai.example.test\ntls:\n  mode: files\n  certificate: cert.pem\n  key: key.pem\nservices:\n  open-webui:\n  qdrant:\n',
    );
    await expect(prepareTls(bad, paths())).rejects.toMatchObject({
      code: 'AIS_TLS_NAME_MISSING',
      message: 'cert.pem does not cover monitor.ai.example.test, qdrant.ai.example.test',
    });
  });

  it('files: says which file is missing', async () => {
    const stack = stackFromYaml(
      'name: demo\ndomain: ai.example.test\ntls:\n  mode: files\n  certificate: nope.pem\n  key: key.pem\nservices:\n  open-webui:\n',
    );
    await expect(prepareTls(stack, paths())).rejects.toMatchObject({
      code: 'AIS_TLS_FILE_MISSING',
      message: 'cannot read nope.pem (tls.certificate in aistack.yaml)',
    });
  });

  it('acme: a temporary self-signed certificate so nginx can start and answer the first challenge', async () => {
    const stack = stackFromYaml(
      'name: demo\ndomain: ai.example.test\ntls:\n  mode: acme\n  email: ops@example.test\nservices:\n  open-webui:\n',
    );
    expect((await prepareTls(stack, paths())).summary).toMatch(/; a temporary self-signed one until ACME issues$/);
    expect((await prepareTls(stack, paths())).summary).toBe('certificate present');
  });
});
