import { X509Certificate } from 'node:crypto';
import { TlsError } from '../errors.js';

/** What `aistack tls` shows of one certificate. */
export interface CertificateInfo {
  readonly subject: string;
  readonly issuer: string;
  /** DNS names and IP addresses from subjectAltName. */
  readonly names: readonly string[];
  readonly notBefore: Date;
  readonly notAfter: Date;
  /** OCSP responder URL (Authority Information Access), if the certificate names one. */
  readonly ocspUrl: string | undefined;
  readonly isCa: boolean;
  readonly fingerprint256: string;
}

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/** The certificates in a PEM bundle, in file order. */
export function parseCertificateBundle(pem: string, file: string): X509Certificate[] {
  const blocks = pem.match(PEM_BLOCK) ?? [];
  if (blocks.length === 0) {
    throw new TlsError('AIS_TLS_NOT_A_CERTIFICATE', {
      file,
      found: 'nothing',
      hint: 'the file must contain -----BEGIN CERTIFICATE----- blocks',
    });
  }
  return blocks.map((block) => {
    try {
      return new X509Certificate(block);
    } catch (error: unknown) {
      throw new TlsError('AIS_TLS_NOT_A_CERTIFICATE', { file, found: 'unparsable', cause: error });
    }
  });
}

export function describeCertificate(certificate: X509Certificate): CertificateInfo {
  const names = (certificate.subjectAltName ?? '')
    .split(', ')
    .filter((entry) => entry.startsWith('DNS:') || entry.startsWith('IP Address:'))
    .map((entry) => entry.replace(/^DNS:|^IP Address:/, ''));
  const ocsp = /OCSP - URI:(\S+)/.exec(certificate.infoAccess ?? '');
  return {
    subject: oneLine(certificate.subject),
    issuer: oneLine(certificate.issuer),
    names,
    notBefore: new Date(certificate.validFrom),
    notAfter: new Date(certificate.validTo),
    ocspUrl: ocsp?.[1],
    isCa: certificate.ca,
    fingerprint256: certificate.fingerprint256,
  };
}

/** Days from `now` to `notAfter` (negative when expired), rounded down. */
export function daysLeft(info: CertificateInfo, now: Date): number {
  return Math.floor((info.notAfter.getTime() - now.getTime()) / 86_400_000);
}

function oneLine(name: string): string {
  return name.split('\n').filter(Boolean).join(', ');
}
