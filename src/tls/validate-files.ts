import { createPrivateKey, X509Certificate } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { describeCertificate } from './certificate-info.js';
import { parseCertificateBundle } from './certificate-info.js';
import type { TlsErrorCode } from '../errors/codes/tls.js';
import { wordProblem } from '../errors.js';
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
      ...wordProblem('AIS_TLS_BAD_KEY', { file: input.keyFile }),
      severity: 'error',
    });
  }
  if (key && !leaf.checkPrivateKey(key)) {
    problems.push({
      ...wordProblem('AIS_TLS_KEY_MISMATCH', { keyFile: input.keyFile, certificateFile: input.certificateFile }),
      severity: 'error',
    });
  }
  if (key?.asymmetricKeyType === 'rsa' && (key.asymmetricKeyDetails?.modulusLength ?? 0) < 2048) {
    problems.push({
      ...wordProblem('AIS_TLS_WEAK_KEY', { file: input.keyFile, bits: key.asymmetricKeyDetails?.modulusLength ?? 0 }),
      severity: 'error',
    });
  }
  for (let index = 0; index + 1 < chain.length; index += 1) {
    const child = chain[index]!;
    const parent = chain[index + 1]!;
    if (!child.checkIssued(parent) || !child.verify(parent.publicKey)) {
      problems.push({
        ...wordProblem('AIS_TLS_CHAIN_BROKEN', {
          position: index + 1,
          subject: describeCertificate(child).subject,
          nextSubject: describeCertificate(parent).subject,
        }),
        severity: 'error',
      });
    }
  }
  const missing = hosts.filter((host) =>
    host.startsWith('*.') ? !describeCertificate(leaf).names.includes(host) : leaf.checkHost(host) === undefined,
  );
  if (missing.length > 0) {
    problems.push({
      ...wordProblem('AIS_TLS_NAME_MISSING', { file: input.certificateFile, hosts: missing }),
      severity: 'error',
    });
  }
  const info = describeCertificate(leaf);
  if (info.notAfter.getTime() <= now.getTime()) {
    problems.push({
      ...wordProblem('AIS_TLS_EXPIRED', { file: input.certificateFile, notAfter: info.notAfter }),
      severity: 'error',
    });
  } else if (info.notAfter.getTime() - now.getTime() < RENEW_BEFORE_DAYS * 86_400_000) {
    problems.push({
      ...wordProblem('AIS_TLS_EXPIRING', { file: input.certificateFile, notAfter: info.notAfter, days: RENEW_BEFORE_DAYS }),
      severity: 'warning',
    });
  }
  if (info.notBefore.getTime() > now.getTime()) {
    problems.push({
      ...wordProblem('AIS_TLS_NOT_YET_VALID', { file: input.certificateFile, notBefore: info.notBefore }),
      severity: 'error',
    });
  }
  return problems;
}
