import { X509Certificate, createPrivateKey } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeCertificate } from '../../src/tls/certificate-info.js';
import { resolveTlsFiles } from '../../src/tls/layout.js';
import { ensureSelfSigned } from '../../src/tls/self-signed.js';
import { tlsStatus } from '../../src/tls/status.js';

let directory: string;
beforeEach(async () => {
  directory = await mkdtemp(path.join(os.tmpdir(), 'aistack-tls-'));
});
afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

const hosts = ['*.ai.example.test', 'ai.example.test', 'chat.ai.example.test', 'ollama.ai.example.test'];

describe('self-signed certificates', () => {
  it('creates a local CA and an ECDSA P-256 leaf for every host, signed by that CA', async () => {
    const files = resolveTlsFiles(directory);
    expect(await ensureSelfSigned(files, { stackName: 'demo', hosts })).toEqual({ caCreated: true, issued: 'missing' });
    const ca = new X509Certificate(await readFile(files.caCertificate, 'utf8'));
    const leaf = new X509Certificate(await readFile(files.fullchain, 'utf8'));
    expect(ca.ca).toBe(true);
    expect(ca.subject).toBe('CN=aistack local CA (demo)\nO=aistack');
    expect(leaf.ca).toBe(false);
    expect(leaf.verify(ca.publicKey)).toBe(true);
    expect(leaf.checkIssued(ca)).toBe(true);
    expect(describeCertificate(leaf).names).toEqual(hosts);
    expect(leaf.checkHost('anything.ai.example.test')).toBe('*.ai.example.test');
    expect(leaf.publicKey.asymmetricKeyDetails).toEqual({ namedCurve: 'prime256v1' });
    expect(leaf.checkPrivateKey(createPrivateKey(await readFile(files.privateKey, 'utf8')))).toBe(true);
    expect((await stat(files.privateKey)).mode & 0o777).toBe(0o600);
    expect((await stat(files.caKey)).mode & 0o777).toBe(0o600);
    expect((await stat(files.caCertificate)).mode & 0o777).toBe(0o644);
  });

  it('makes RSA keys of the size asked for', async () => {
    const files = resolveTlsFiles(directory);
    await ensureSelfSigned(files, { stackName: 'demo', hosts, keyType: 'rsa-2048' });
    const leaf = new X509Certificate(await readFile(files.fullchain, 'utf8'));
    expect(leaf.publicKey.asymmetricKeyType).toBe('rsa');
    expect(leaf.publicKey.asymmetricKeyDetails?.modulusLength).toBe(2048);
  });

  it('keeps a current leaf, and re-issues it (same CA) when names change or under 30 days are left', async () => {
    const files = resolveTlsFiles(directory);
    await ensureSelfSigned(files, { stackName: 'demo', hosts });
    const ca = await readFile(files.caCertificate, 'utf8');
    expect(await ensureSelfSigned(files, { stackName: 'demo', hosts })).toEqual({ caCreated: false, issued: undefined });
    expect(await ensureSelfSigned(files, { stackName: 'demo', hosts: [...hosts, 'n8n.ai.example.test'] })).toEqual({
      caCreated: false,
      issued: 'names',
    });
    const later = new Date(Date.now() + 370 * 86_400_000);
    expect(await ensureSelfSigned(files, { stackName: 'demo', hosts: [...hosts, 'n8n.ai.example.test'], now: later })).toEqual({
      caCreated: false,
      issued: 'expiring',
    });
    expect(await readFile(files.caCertificate, 'utf8')).toBe(ca);
  });

  it('reports issuer, names and expiry of each certificate', async () => {
    const files = resolveTlsFiles(directory);
    expect(await tlsStatus(files)).toEqual([]);
    await ensureSelfSigned(files, { stackName: 'demo', hosts });
    const status = await tlsStatus(files);
    expect(status.map((entry) => [entry.role, entry.issuer, entry.names.length, entry.ocspUrl])).toEqual([
      ['served', 'CN=aistack local CA (demo), O=aistack', 4, undefined],
      ['local CA', 'CN=aistack local CA (demo), O=aistack', 0, undefined],
    ]);
    expect(status[0]!.notAfter.getTime() - Date.now()).toBeGreaterThan(396 * 86_400_000);
  });
});
