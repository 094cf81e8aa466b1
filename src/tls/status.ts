import { TlsError } from '../errors.js';
import { readFileIfExists } from '../util/read-file-if-exists.js';
import { describeCertificate, parseCertificateBundle } from './certificate-info.js';
import type { CertificateInfo } from './certificate-info.js';
import type { TlsFiles } from './layout.js';

export interface CertificateStatus extends CertificateInfo {
  /** Which certificate: `served` (live/fullchain.pem, leaf) or `local CA` (ca.crt). */
  readonly role: 'served' | 'local CA';
  readonly file: string;
}

/** Every certificate aistack manages, as found on disk (missing files are left out). */
export async function tlsStatus(files: TlsFiles): Promise<CertificateStatus[]> {
  const found: CertificateStatus[] = [];
  for (const [role, file] of [
    ['served', files.fullchain],
    ['local CA', files.caCertificate],
  ] as const) {
    const pem = await readFileIfExists(
      file,
      (error) =>
        new TlsError('AIS_TLS_UNREADABLE', {
          file,
          reason: error.code ?? error.message,
          hint: 'make it readable by the user running aistack',
          cause: error,
        }),
    );
    if (pem === undefined) continue;
    const leaf = parseCertificateBundle(pem, file)[0];
    if (leaf) found.push({ role, file, ...describeCertificate(leaf) });
  }
  return found;
}

/** Whether the served certificate names an OCSP responder (the proxy renderer's `ocspStapling`). */
export async function hasOcspResponder(files: TlsFiles): Promise<boolean> {
  const status = await tlsStatus(files);
  return status.some((entry) => entry.role === 'served' && entry.ocspUrl !== undefined);
}
