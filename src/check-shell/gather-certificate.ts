import { X509Certificate, createPrivateKey } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { CertificateFact } from '../check/types.js';

/** Read a PEM certificate (first of a chain) and check the key next to it. */
export async function gatherCertificate(
  certificateFile: string,
  keyFile: string | undefined,
  displayFile: string,
): Promise<CertificateFact | undefined> {
  const pem = await readFile(certificateFile, 'utf8').catch(() => undefined);
  if (pem === undefined) return undefined;
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(pem);
  } catch {
    return undefined;
  }
  const subjectAltNames = (certificate.subjectAltName ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.startsWith('DNS:') || entry.startsWith('IP Address:'))
    .map((entry) => entry.replace(/^DNS:|^IP Address:/, ''));
  const fact: CertificateFact = { file: displayFile, notAfter: new Date(certificate.validTo).toISOString(), subjectAltNames };
  if (keyFile === undefined) return fact;
  const keyPem = await readFile(keyFile, 'utf8').catch(() => undefined);
  if (keyPem === undefined) return fact;
  try {
    return { ...fact, keyMatches: certificate.checkPrivateKey(createPrivateKey(keyPem)) };
  } catch {
    return { ...fact, keyMatches: false };
  }
}
