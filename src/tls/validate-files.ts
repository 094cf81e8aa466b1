import { createPrivateKey, X509Certificate } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { describeCertificate } from './certificate-info.js';
import { parseCertificateBundle } from './certificate-info.js';
import type { TlsErrorCode } from '../errors/codes/tls.js';
import { RENEW_BEFORE_DAYS } from './layout.js';

export interface TlsProblem {
  readonly code: TlsErrorCode;
  readonly message: string;
  /** Errors stop the proxy from using the files; warnings do not. */
  readonly severity: 'error' | 'warning';
}

export interface CertificateFilesInput {
  /** Leaf first, optionally followed by intermediates. */
  readonly certificatePem: string;
  readonly keyPem: string;
  readonly chainPem?: string;
  /** File names for messages. */
  readonly certificateFile: string;
  readonly keyFile: string;
  readonly chainFile?: string;
}

/**
 * `files` mode: check a user's certificate before the proxy serves it — the key matches, each
 * certificate is signed by the next, every host name is covered, it has not expired, the key is
 * strong enough. Returns every problem, not only the first. Pure apart from crypto.
 */
export function validateCertificateFiles(input: CertificateFilesInput, hosts: readonly string[], now: Date): TlsProblem[] {
  const problems: TlsProblem[] = [];
  let chain: X509Certificate[];
  try {
    chain = [
      ...parseCertificateBundle(input.certificatePem, input.certificateFile),
      ...(input.chainPem ? parseCertificateBundle(input.chainPem, input.chainFile ?? 'chain') : []),
    ];
  } catch (error: unknown) {
    return [{ code: 'AIS_TLS_NOT_A_CERTIFICATE', message: (error as Error).message, severity: 'error' }];
  }
  const leaf = chain[0]!;
  let key: KeyObject | undefined;
  try {
    key = createPrivateKey(input.keyPem);
  } catch {
    problems.push({
      code: 'AIS_TLS_BAD_KEY',
      message: `${input.keyFile} is not a PEM private key (or it is encrypted)`,
      severity: 'error',
    });
  }
  if (key && !leaf.checkPrivateKey(key)) {
    problems.push({
      code: 'AIS_TLS_KEY_MISMATCH',
      message: `${input.keyFile} is not the key of the certificate in ${input.certificateFile}`,
      severity: 'error',
    });
  }
  if (key?.asymmetricKeyType === 'rsa' && (key.asymmetricKeyDetails?.modulusLength ?? 0) < 2048) {
    problems.push({
      code: 'AIS_TLS_WEAK_KEY',
      message: `${input.keyFile} is an RSA key of ${key.asymmetricKeyDetails?.modulusLength ?? 0} bits; at least 2048 are needed`,
      severity: 'error',
    });
  }
  for (let index = 0; index + 1 < chain.length; index += 1) {
    const child = chain[index]!;
    const parent = chain[index + 1]!;
    if (!child.checkIssued(parent) || !child.verify(parent.publicKey)) {
      problems.push({
        code: 'AIS_TLS_CHAIN_BROKEN',
        message:
          `certificate ${index + 1} (${describeCertificate(child).subject}) is not signed by certificate ${index + 2} ` +
          `(${describeCertificate(parent).subject})`,
        severity: 'error',
      });
    }
  }
  const missing = hosts.filter((host) =>
    host.startsWith('*.') ? !describeCertificate(leaf).names.includes(host) : leaf.checkHost(host) === undefined,
  );
  if (missing.length > 0) {
    problems.push({
      code: 'AIS_TLS_NAME_MISSING',
      message: `${input.certificateFile} does not cover ${missing.join(', ')}`,
      severity: 'error',
    });
  }
  const info = describeCertificate(leaf);
  if (info.notAfter.getTime() <= now.getTime()) {
    problems.push({
      code: 'AIS_TLS_EXPIRED',
      message: `${input.certificateFile} expired on ${info.notAfter.toISOString()}`,
      severity: 'error',
    });
  } else if (info.notAfter.getTime() - now.getTime() < RENEW_BEFORE_DAYS * 86_400_000) {
    problems.push({
      code: 'AIS_TLS_EXPIRING',
      message: `${input.certificateFile} expires on ${info.notAfter.toISOString()}, in under ${RENEW_BEFORE_DAYS} days`,
      severity: 'warning',
    });
  }
  if (info.notBefore.getTime() > now.getTime()) {
    problems.push({
      code: 'AIS_TLS_NOT_YET_VALID',
      message: `${input.certificateFile} is valid only from ${info.notBefore.toISOString()}`,
      severity: 'error',
    });
  }
  return problems;
}
