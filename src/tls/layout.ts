import path from 'node:path';

/** Files under .aistack/tls. nginx reads live/; ca.* exist in self-signed mode only. */
export interface TlsFiles {
  readonly directory: string;
  readonly caCertificate: string;
  readonly caKey: string;
  /** Leaf first, then intermediates (what nginx serves). */
  readonly fullchain: string;
  readonly privateKey: string;
  /** Intermediates only (OCSP stapling verification). */
  readonly chain: string;
  /** Mode and names of the current certificate (no keys). */
  readonly state: string;
  /** ACME http-01 challenge files, served by the proxy at /.well-known/acme-challenge/. */
  readonly acmeChallenges: string;
}

export function resolveTlsFiles(directory: string): TlsFiles {
  return {
    directory,
    caCertificate: path.join(directory, 'ca.crt'),
    caKey: path.join(directory, 'ca.key'),
    fullchain: path.join(directory, 'live', 'fullchain.pem'),
    privateKey: path.join(directory, 'live', 'privkey.pem'),
    chain: path.join(directory, 'live', 'chain.pem'),
    state: path.join(directory, 'state.json'),
    acmeChallenges: path.join(directory, 'acme-challenge'),
  };
}

/** Renew when a certificate has fewer days left than this. */
export const RENEW_BEFORE_DAYS = 30;
