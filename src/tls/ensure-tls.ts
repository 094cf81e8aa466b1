import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { TlsError } from '../errors.js';
import { writeFileAtomic } from '../secrets/store.js';
import type { Stack } from '../stack/types.js';
import { ensureAcmeCertificate } from './acme.js';
import { listAcmeHosts, listRouteHosts, listTlsHosts } from './hosts.js';
import { resolveTlsFiles } from './layout.js';
import { ensureSelfSigned } from './self-signed.js';
import type { TlsProblem } from './validate-files.js';
import { validateCertificateFiles } from './validate-files.js';

export interface TlsPaths {
  /** The project directory (user file paths in aistack.yaml are relative to it). */
  readonly directory: string;
  /** .aistack/tls */
  readonly tls: string;
  /** .aistack/secrets */
  readonly secrets: string;
}

export interface TlsOutcome {
  readonly mode: Stack['tls']['mode'];
  /** What happened, for the CLI. */
  readonly summary: string;
  /** The served certificate or key changed on disk: a running proxy must reload to serve it. */
  readonly changed: boolean;
  readonly warnings: readonly TlsProblem[];
}

/**
 * Before the proxy starts: make sure live/fullchain.pem and live/privkey.pem exist and fit the
 * stack. Self-signed: CA + leaf. Files: validate and install the user's. ACME: a temporary
 * self-signed certificate until the first issuance (nginx must run to answer http-01).
 */
export async function prepareTls(stack: Stack, paths: TlsPaths, options: { now?: Date; force?: boolean } = {}): Promise<TlsOutcome> {
  const files = resolveTlsFiles(paths.tls);
  const now = options.now ?? new Date();
  if (stack.tls.mode === 'files') return installUserFiles(stack, paths, now);
  const hosts = listTlsHosts(stack);
  const existingServed = await readFile(files.fullchain, 'utf8').then(
    () => true,
    () => false,
  );
  if (stack.tls.mode === 'acme' && existingServed) return { mode: 'acme', summary: 'certificate present', changed: false, warnings: [] };
  const result = await ensureSelfSigned(files, {
    stackName: stack.name,
    hosts,
    now,
    ...(stack.tls.mode === 'self-signed' && stack.tls.keyType ? { keyType: stack.tls.keyType } : {}),
    ...(options.force ? { force: true } : {}),
  });
  const summary =
    result.issued === undefined ? 'certificate is current' : `issued a certificate (${result.issued}) for ${hosts.join(', ')}`;
  return {
    mode: stack.tls.mode,
    summary: stack.tls.mode === 'acme' ? `${summary}; a temporary self-signed one until ACME issues` : summary,
    changed: result.issued !== undefined,
    warnings: [],
  };
}

/** `aistack tls renew`: ACME orders/renews (the proxy must be serving port 80); the others re-check. */
export async function renewTls(stack: Stack, paths: TlsPaths, options: { now?: Date; force?: boolean } = {}): Promise<TlsOutcome> {
  if (stack.tls.mode !== 'acme') return prepareTls(stack, paths, options);
  const settings = stack.tls;
  const caCertificate = settings.caFile ? await readFile(path.resolve(paths.directory, settings.caFile), 'utf8') : undefined;
  const files = resolveTlsFiles(paths.tls);
  // The temporary self-signed certificate is replaced, never renewed.
  const temporary = await readFile(files.caCertificate, 'utf8').then(
    () => true,
    () => false,
  );
  const result = await ensureAcmeCertificate({
    files,
    secretsDirectory: paths.secrets,
    email: settings.email,
    hosts: listAcmeHosts(stack),
    ...(settings.directory ? { directoryUrl: settings.directory } : {}),
    ...(caCertificate ? { caCertificate } : {}),
    ...(options.now ? { now: options.now } : {}),
    force: (options.force ?? false) || (temporary && (await isSelfIssued(files.fullchain))),
  });
  return {
    mode: 'acme',
    summary:
      result.issued === undefined
        ? `certificate is current (until ${result.notAfter?.toISOString() ?? '?'})`
        : `ACME issued a certificate (${result.issued}) valid until ${result.notAfter?.toISOString() ?? '?'}`,
    changed: result.issued !== undefined,
    warnings: [],
  };
}

async function isSelfIssued(file: string): Promise<boolean> {
  const { X509Certificate } = await import('node:crypto');
  try {
    return new X509Certificate(await readFile(file, 'utf8')).issuer.includes('aistack local CA');
  } catch {
    return false;
  }
}

async function installUserFiles(stack: Stack, paths: TlsPaths, now: Date): Promise<TlsOutcome> {
  if (stack.tls.mode !== 'files') throw new Error('unreachable');
  const settings = stack.tls;
  const read = async (file: string): Promise<string> => {
    try {
      return await readFile(path.resolve(paths.directory, file), 'utf8');
    } catch (error: unknown) {
      throw new TlsError('AIS_TLS_FILE_MISSING', {
        file,
        setting: file === settings.key ? 'key' : file === settings.chain ? 'chain' : 'certificate',
        hint: 'paths are relative to the project directory',
        cause: error,
      });
    }
  };
  const certificatePem = await read(settings.certificate);
  const keyPem = await read(settings.key);
  const chainPem = settings.chain ? await read(settings.chain) : undefined;
  const problems = validateCertificateFiles(
    {
      certificatePem,
      keyPem,
      certificateFile: settings.certificate,
      keyFile: settings.key,
      ...(chainPem !== undefined && settings.chain ? { chainPem, chainFile: settings.chain } : {}),
    },
    listRouteHosts(stack),
    now,
  );
  const errors = problems.filter((problem) => problem.severity === 'error');
  if (errors.length > 0) {
    throw new TlsError(errors[0]!.code, {
      worded: errors.map((problem) => problem.message).join('; '),
      hint: 'fix the files named in tls: (aistack.yaml), or switch to mode: acme or self-signed',
    });
  }
  const files = resolveTlsFiles(paths.tls);
  await mkdir(path.dirname(files.fullchain), { recursive: true, mode: 0o700 });
  const fullchain = `${certificatePem.trimEnd()}\n${chainPem ? `${chainPem.trimEnd()}\n` : ''}`;
  const unchanged =
    (await readFile(files.fullchain, 'utf8').catch(() => undefined)) === fullchain &&
    (await readFile(files.privateKey, 'utf8').catch(() => undefined)) === keyPem;
  await writeFileAtomic(files.privateKey, keyPem);
  await writeFileAtomic(files.fullchain, fullchain, 0o644);
  await writeFileAtomic(files.chain, chainPem ?? '', 0o644);
  return {
    mode: 'files',
    summary: `installed ${settings.certificate}`,
    changed: !unchanged,
    warnings: problems.filter((problem) => problem.severity === 'warning'),
  };
}
