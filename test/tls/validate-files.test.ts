import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveTlsFiles } from '../../src/tls/layout.js';
import { ensureSelfSigned } from '../../src/tls/self-signed.js';
import { validateCertificateFiles } from '../../src/tls/validate-files.js';

let directory: string;
let good: { certificatePem: string; keyPem: string; chainPem: string };
let other: { certificatePem: string; keyPem: string; chainPem: string };
const names = { certificateFile: 'cert.pem', keyFile: 'key.pem', chainFile: 'chain.pem' };
const hosts = ['chat.ai.example.test', 'ollama.ai.example.test'];

async function make(name: string, hostList: readonly string[]): Promise<{ certificatePem: string; keyPem: string; chainPem: string }> {
  const files = resolveTlsFiles(path.join(directory, name));
  await ensureSelfSigned(files, { stackName: name, hosts: hostList });
  return {
    certificatePem: await readFile(files.fullchain, 'utf8'),
    keyPem: await readFile(files.privateKey, 'utf8'),
    chainPem: await readFile(files.caCertificate, 'utf8'),
  };
}

beforeAll(async () => {
  directory = await mkdtemp(path.join(os.tmpdir(), 'aistack-tls-files-'));
  good = await make('good', ['*.ai.example.test', 'ai.example.test']);
  other = await make('other', ['chat.ai.example.test']);
});
afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe('validating user-supplied certificate files', () => {
  it('accepts a matching key, a chain that verifies and names that cover every host', () => {
    expect(validateCertificateFiles({ ...good, ...names }, hosts, new Date())).toEqual([]);
  });

  it('reports a key of another certificate', () => {
    expect(validateCertificateFiles({ ...good, keyPem: other.keyPem, ...names }, hosts, new Date())).toEqual([
      { code: 'AIS_TLS_KEY_MISMATCH', message: 'key.pem is not the key of the certificate in cert.pem', severity: 'error' },
    ]);
  });

  it('reports a chain whose next certificate did not sign the previous one', () => {
    expect(validateCertificateFiles({ ...good, chainPem: other.chainPem, ...names }, hosts, new Date())).toEqual([
      {
        code: 'AIS_TLS_CHAIN_BROKEN',
        message: 'certificate 1 (CN=ai.example.test) is not signed by certificate 2 (CN=aistack local CA (other), O=aistack)',
        severity: 'error',
      },
    ]);
  });

  it('names every host the certificate does not cover', () => {
    expect(validateCertificateFiles({ ...other, ...names }, [...hosts, 'ai.example.test'], new Date())).toEqual([
      { code: 'AIS_TLS_NAME_MISSING', message: 'cert.pem does not cover ollama.ai.example.test, ai.example.test', severity: 'error' },
    ]);
  });

  it('refuses an expired certificate and warns about one that expires within 30 days', () => {
    const expired = validateCertificateFiles({ ...good, ...names }, hosts, new Date(Date.now() + 400 * 86_400_000));
    expect(expired.map((problem) => [problem.code, problem.severity])).toEqual([['AIS_TLS_EXPIRED', 'error']]);
    const expiring = validateCertificateFiles({ ...good, ...names }, hosts, new Date(Date.now() + 380 * 86_400_000));
    expect(expiring.map((problem) => [problem.code, problem.severity])).toEqual([['AIS_TLS_EXPIRING', 'warning']]);
  });

  it('says which file holds no certificate or no key', () => {
    expect(validateCertificateFiles({ ...good, certificatePem: 'hello', ...names }, hosts, new Date())).toEqual([
      { code: 'AIS_TLS_NOT_A_CERTIFICATE', message: 'cert.pem holds no PEM certificate', severity: 'error' },
    ]);
    expect(validateCertificateFiles({ ...good, keyPem: 'nope', ...names }, hosts, new Date())).toEqual([
      { code: 'AIS_TLS_BAD_KEY', message: 'key.pem is not a PEM private key (or it is encrypted)', severity: 'error' },
    ]);
  });
});
