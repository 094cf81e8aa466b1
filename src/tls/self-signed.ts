import 'reflect-metadata';
import { createPrivateKey, webcrypto, X509Certificate } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import * as x509 from '@peculiar/x509';
import { TlsError } from '../errors.js';
import { readFileIfExists } from '../util/read-file-if-exists.js';
import { writeFileAtomic } from '../secrets/store.js';
import { describeCertificate } from './certificate-info.js';
import type { TlsFiles } from './layout.js';
import { RENEW_BEFORE_DAYS } from './layout.js';

export type KeyType = 'ecdsa-p256' | 'rsa-2048' | 'rsa-3072';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

const DAY = 86_400_000;
/** Leaf lifetime: under the 398 days browsers accept. */
export const LEAF_DAYS = 397;
export const CA_DAYS = 3650;

function keyAlgorithm(keyType: KeyType): RsaHashedKeyGenParams | EcKeyGenParams {
  if (keyType === 'ecdsa-p256') return { name: 'ECDSA', namedCurve: 'P-256' };
  return {
    name: 'RSASSA-PKCS1-v1_5',
    modulusLength: keyType === 'rsa-2048' ? 2048 : 3072,
    publicExponent: new Uint8Array([1, 0, 1]),
    hash: 'SHA-256',
  };
}

function signingAlgorithm(key: CryptoKey): Algorithm | EcdsaParams {
  return key.algorithm.name === 'ECDSA' ? { name: 'ECDSA', hash: 'SHA-256' } : { name: 'RSASSA-PKCS1-v1_5' };
}

async function generateKeys(keyType: KeyType): Promise<CryptoKeyPair> {
  return await webcrypto.subtle.generateKey(keyAlgorithm(keyType), true, ['sign', 'verify']);
}

async function exportKeyPem(key: CryptoKey): Promise<string> {
  const der = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', key));
  return `-----BEGIN PRIVATE KEY-----\n${der
    .toString('base64')
    .replace(/(.{64})/g, '$1\n')
    .replace(/\n$/, '')}\n-----END PRIVATE KEY-----\n`;
}

async function importKeyPem(pem: string): Promise<CryptoKey> {
  const key = createPrivateKey(pem);
  const der = key.export({ type: 'pkcs8', format: 'der' });
  const algorithm =
    key.asymmetricKeyType === 'ec' ? { name: 'ECDSA', namedCurve: 'P-256' } : { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
  return webcrypto.subtle.importKey('pkcs8', der, algorithm, false, ['sign']);
}

export interface SelfSignedOptions {
  readonly stackName: string;
  readonly hosts: readonly string[];
  readonly keyType?: KeyType;
  readonly now?: Date;
  /** Issue a new leaf even when the current one is fine. */
  readonly force?: boolean;
}

export interface SelfSignedResult {
  readonly caCreated: boolean;
  /** Why a new leaf was issued, or undefined when the current one was kept. */
  readonly issued: 'missing' | 'names' | 'expiring' | 'forced' | undefined;
}

/**
 * Self-signed mode: a local CA (created once, exported as ca.crt for users to trust) and a leaf
 * for every host name, re-issued when names change or it has under 30 days left.
 */
export async function ensureSelfSigned(files: TlsFiles, options: SelfSignedOptions): Promise<SelfSignedResult> {
  const now = options.now ?? new Date();
  const keyType = options.keyType ?? 'ecdsa-p256';
  await mkdir(path.dirname(files.fullchain), { recursive: true, mode: 0o700 });
  let caCreated = false;
  let caPem = await readOptional(files.caCertificate);
  let caKeyPem = await readOptional(files.caKey);
  if (caPem === undefined || caKeyPem === undefined) {
    const keys = await generateKeys(keyType);
    const ca = await x509.X509CertificateGenerator.createSelfSigned({
      serialNumber: randomSerial(),
      name: `CN=aistack local CA (${options.stackName}), O=aistack`,
      notBefore: new Date(now.getTime() - 60_000),
      notAfter: new Date(now.getTime() + CA_DAYS * DAY),
      keys,
      signingAlgorithm: signingAlgorithm(keys.privateKey),
      extensions: [
        new x509.BasicConstraintsExtension(true, 0, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
        await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      ],
    });
    caPem = ca.toString('pem') + '\n';
    caKeyPem = await exportKeyPem(keys.privateKey);
    await writeFileAtomic(files.caKey, caKeyPem);
    await writeFileAtomic(files.caCertificate, caPem, 0o644);
    caCreated = true;
  }
  const reason = caCreated ? 'missing' : await leafNeed(files, options.hosts, now, options.force ?? false);
  if (reason === undefined) return { caCreated, issued: undefined };
  const ca = new x509.X509Certificate(caPem);
  const caKey = await importKeyPem(caKeyPem);
  const keys = await generateKeys(keyType);
  const leaf = await x509.X509CertificateGenerator.create({
    serialNumber: randomSerial(),
    subject: `CN=${options.hosts.find((host) => !host.startsWith('*.')) ?? options.hosts[0] ?? 'localhost'}`,
    issuer: ca.subject,
    notBefore: new Date(now.getTime() - 60_000),
    notAfter: new Date(now.getTime() + LEAF_DAYS * DAY),
    publicKey: keys.publicKey,
    signingKey: caKey,
    signingAlgorithm: signingAlgorithm(caKey),
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(
        // eslint-disable-next-line @typescript-eslint/no-unsafe-enum-assignment -- a bit-flag enum: members are combined with |
        keyType === 'ecdsa-p256'
          ? x509.KeyUsageFlags.digitalSignature
          : x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment,
        true,
      ),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension(options.hosts.map((host) => ({ type: 'dns' as const, value: host }))),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(ca),
    ],
  });
  await writeFileAtomic(files.privateKey, await exportKeyPem(keys.privateKey));
  await writeFileAtomic(files.chain, caPem, 0o644);
  await writeFileAtomic(files.fullchain, leaf.toString('pem') + '\n', 0o644);
  return { caCreated, issued: reason };
}

async function leafNeed(files: TlsFiles, hosts: readonly string[], now: Date, force: boolean): Promise<SelfSignedResult['issued']> {
  const pem = await readOptional(files.fullchain);
  if (pem === undefined || (await readOptional(files.privateKey)) === undefined) return 'missing';
  if (force) return 'forced';
  const info = describeCertificate(new X509Certificate(pem));
  if (hosts.some((host) => !info.names.includes(host))) return 'names';
  if (info.notAfter.getTime() - now.getTime() < RENEW_BEFORE_DAYS * DAY) return 'expiring';
  return undefined;
}

async function readOptional(file: string): Promise<string | undefined> {
  return readFileIfExists(file, (error) => new TlsError('AIS_TLS_UNREADABLE', { file, reason: error.code ?? 'error', cause: error }));
}

function randomSerial(): string {
  const bytes = webcrypto.getRandomValues(new Uint8Array(16));
  bytes[0] = (bytes[0] ?? 0) & 0x7f;
  return Buffer.from(bytes).toString('hex');
}
