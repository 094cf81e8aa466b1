import { X509Certificate } from 'node:crypto';
import { mkdir, readFile, rm } from 'node:fs/promises';
import https from 'node:https';
import path from 'node:path';
import * as acme from 'acme-client';
import { TlsError } from '../errors.js';
import { readFileIfExists } from '../util/read-file-if-exists.js';
import { ensureSecretsDirectory, secretFiles, writeFileAtomic } from '../secrets/store.js';
import { describeCertificate, parseCertificateBundle } from './certificate-info.js';
import type { TlsFiles } from './layout.js';
import { RENEW_BEFORE_DAYS } from './layout.js';

/** The secret holding the ACME account key (PEM). */
export const ACME_ACCOUNT_SECRET = 'acme-account-key';
export const LETS_ENCRYPT_DIRECTORY = 'https://acme-v02.api.letsencrypt.org/directory';

export interface AcmeOptions {
  readonly files: TlsFiles;
  readonly secretsDirectory: string;
  /** @default Let's Encrypt production */
  readonly directoryUrl?: string;
  readonly email: string;
  /** Host names to prove with http-01 (no wildcards). */
  readonly hosts: readonly string[];
  /** Extra CA (PEM) to trust for the ACME server (private ACME, tests). */
  readonly caCertificate?: string;
  readonly now?: Date;
  readonly force?: boolean;
}

export interface AcmeResult {
  readonly issued: 'missing' | 'names' | 'expiring' | 'forced' | undefined;
  readonly notAfter: Date | undefined;
}

/**
 * ACME mode: order a certificate for every host with http-01, the challenge files written to
 * `files.acmeChallenges`, which the proxy serves at /.well-known/acme-challenge/. Renews when
 * fewer than 30 days are left, or names changed; otherwise does nothing.
 */
export async function ensureAcmeCertificate(options: AcmeOptions): Promise<AcmeResult> {
  const now = options.now ?? new Date();
  const reason = await certificateNeed(options, now);
  if (reason === undefined) {
    const current = describeCertificate(new X509Certificate(await readFile(options.files.fullchain, 'utf8')));
    return { issued: undefined, notAfter: current.notAfter };
  }
  if (options.hosts.some((host) => host.includes('*'))) {
    throw new TlsError('AIS_TLS_ACME_WILDCARD', {
      hint: 'list each host name; aistack does this for every route',
    });
  }
  if (options.caCertificate !== undefined) acme.axios.defaults.httpsAgent = new https.Agent({ ca: options.caCertificate });
  const client = new acme.Client({
    directoryUrl: options.directoryUrl ?? LETS_ENCRYPT_DIRECTORY,
    accountKey: await ensureAccountKey(options.secretsDirectory),
    backoffAttempts: 10,
    backoffMin: 200,
    backoffMax: 2000,
  });
  const [key, csr] = await acme.crypto.createCsr(
    { commonName: options.hosts[0] ?? '', altNames: [...options.hosts] },
    await acme.crypto.createPrivateEcdsaKey('P-256'),
  );
  await mkdir(options.files.acmeChallenges, { recursive: true, mode: 0o755 });
  const challengeFile = (token: string): string => path.join(options.files.acmeChallenges, path.basename(token));
  let pem: string;
  try {
    pem = await client.auto({
      csr,
      email: options.email,
      termsOfServiceAgreed: true,
      challengePriority: ['http-01'],
      // The ACME server checks through the proxy itself; a pre-check from here cannot reach the public name.
      skipChallengeVerification: true,
      challengeCreateFn: async (_authz, challenge, keyAuthorization) => {
        if (challenge.type !== 'http-01') throw new Error(`unsupported challenge ${challenge.type}`);
        await writeFileAtomic(challengeFile(challenge.token), keyAuthorization, 0o644);
      },
      challengeRemoveFn: async (_authz, challenge) => {
        await rm(challengeFile(challenge.token), { force: true });
      },
    });
  } catch (error: unknown) {
    throw new TlsError('AIS_TLS_ACME_FAILED', {
      hosts: options.hosts,
      reason: (error as Error).message,
      hint: 'each name must resolve to this host and port 80 must reach the proxy (http-01); `aistack tls` shows the current certificate',
      cause: error,
    });
  }
  const chain = parseCertificateBundle(pem, 'the ACME answer');
  await mkdir(path.dirname(options.files.fullchain), { recursive: true, mode: 0o700 });
  await writeFileAtomic(options.files.privateKey, key.toString());
  await writeFileAtomic(
    options.files.chain,
    chain
      .slice(1)
      .map((certificate) => certificate.toString())
      .join(''),
    0o644,
  );
  await writeFileAtomic(options.files.fullchain, pem, 0o644);
  return { issued: reason, notAfter: describeCertificate(chain[0]!).notAfter };
}

async function certificateNeed(options: AcmeOptions, now: Date): Promise<AcmeResult['issued']> {
  const pem = await readFileIfExists(options.files.fullchain, unreadable(options.files.fullchain));
  const key = await readFileIfExists(options.files.privateKey, unreadable(options.files.privateKey));
  if (pem === undefined || key === undefined) return 'missing';
  if (options.force) return 'forced';
  const info = describeCertificate(new X509Certificate(pem));
  if (options.hosts.some((host) => !info.names.includes(host))) return 'names';
  if (info.notAfter.getTime() - now.getTime() < RENEW_BEFORE_DAYS * 86_400_000) return 'expiring';
  return undefined;
}

/** The ACME account key, created once and kept with the other secrets (0600). */
async function ensureAccountKey(secretsDirectory: string): Promise<string> {
  const file = secretFiles(secretsDirectory, ACME_ACCOUNT_SECRET).value;
  // Only a key that does not exist is created: an unreadable one is still the account's key.
  const existing = await readFileIfExists(file, unreadable(file));
  if (existing !== undefined) return existing;
  await ensureSecretsDirectory(secretsDirectory);
  const key = (await acme.crypto.createPrivateEcdsaKey('P-256')).toString();
  await writeFileAtomic(file, key);
  return key;
}

function unreadable(file: string): (error: NodeJS.ErrnoException) => TlsError {
  return (error) =>
    new TlsError('AIS_TLS_UNREADABLE', {
      file,
      reason: error.code ?? error.message,
      hint: 'make it readable by the user running aistack (it is kept, never replaced, while it cannot be read)',
      cause: error,
    });
}
