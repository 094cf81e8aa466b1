import { defineErrorCodes } from '../define-error-codes.js';

/** The proxy containers that reloaded before one failed, for its message. */
const reloadedSoFar = (reloaded: readonly string[]): string => (reloaded.length === 0 ? '' : ` (${reloaded.join(', ')} did reload)`);

/** The codes of docs/errors/tls.md, in the order of its table. */
export const tlsErrors = defineErrorCodes({
  AIS_HARDEN_APPLY_FAILED: {
    meaning: 'an iptables command of `aistack harden --apply` failed',
    fix: 'the message names it; the previous rules are in the backup file it names (`iptables-restore < file`)',
    message: ({ command, stderr }: { command: readonly string[]; stderr: string }) => `iptables ${command.join(' ')} failed: ${stderr}`,
  },
  AIS_HARDEN_SAVE_FAILED: {
    meaning: '`iptables-save` failed, so nothing was applied',
    fix: 'run as root on the Docker host; or use `aistack harden --print` and apply the script yourself',
    message: ({ reason }: { reason: string }) => `iptables-save failed: ${reason}`,
  },
  AIS_TLS_ACME_FAILED: {
    meaning: 'the ACME server did not issue a certificate (challenge failed, rate limit, server unreachable)',
    fix: "every name must resolve to this host and port 80 must reach the proxy; read the server's reason in the message",
    message: ({ hosts, reason }: { hosts: readonly string[]; reason: string }) =>
      `the ACME server did not issue a certificate for ${hosts.join(', ')}: ${reason}`,
  },
  AIS_TLS_ACME_WILDCARD: {
    meaning: 'a wildcard name was given to the http-01 ACME flow, which cannot prove it',
    fix: 'list each host name (aistack does this for every route)',
    message: () => 'http-01 cannot prove wildcard names',
  },
  AIS_TLS_BAD_KEY: {
    meaning: 'the key file of `tls: mode: files` is not a PEM private key, or it is encrypted',
    fix: 'give an unencrypted PEM key (`openssl pkey -in key.pem -out plain.pem`)',
    message: ({ file }: { file: string }) => `${file} is not a PEM private key (or it is encrypted)`,
  },
  AIS_TLS_CHAIN_BROKEN: {
    meaning: 'in the certificate (and chain) file, a certificate is not signed by the one after it',
    fix: "put the leaf first, then its issuer, then that one's issuer",
    // position: 1-based, in file order; the certificate after it is position + 1.
    message: ({ position, subject, nextSubject }: { position: number; subject: string; nextSubject: string }) =>
      `certificate ${position} (${subject}) is not signed by certificate ${position + 1} (${nextSubject})`,
  },
  AIS_TLS_EXPIRED: {
    meaning: 'the user-supplied certificate has expired',
    fix: 'renew it, or switch to `mode: acme`',
    message: ({ file, notAfter }: { file: string; notAfter: Date }) => `${file} expired on ${notAfter.toISOString()}`,
  },
  AIS_TLS_EXPIRING: {
    meaning: 'the certificate expires within 30 days (a warning)',
    fix: 'renew it; `acme` and `self-signed` renew on their own with `aistack tls renew`',
    message: ({ file, notAfter, days }: { file: string; notAfter: Date; days: number }) =>
      `${file} expires on ${notAfter.toISOString()}, in under ${days} days`,
  },
  AIS_TLS_FILE_MISSING: {
    meaning: 'a file named in `tls:` cannot be read',
    fix: 'paths are relative to the project directory',
    message: ({ file, setting }: { file: string; setting: 'certificate' | 'key' | 'chain' }) =>
      `cannot read ${file} (tls.${setting} in aistack.yaml)`,
  },
  AIS_TLS_KEY_MISMATCH: {
    meaning: 'the key file does not belong to the certificate',
    fix: 'use the key the certificate was issued for',
    message: ({ keyFile, certificateFile }: { keyFile: string; certificateFile: string }) =>
      `${keyFile} is not the key of the certificate in ${certificateFile}`,
  },
  AIS_TLS_NAME_MISSING: {
    meaning: 'the certificate does not cover a host name a route uses',
    fix: 'get a certificate with every name the message lists (or a wildcard for the domain)',
    message: ({ file, hosts }: { file: string; hosts: readonly string[] }) => `${file} does not cover ${hosts.join(', ')}`,
  },
  AIS_TLS_NOT_A_CERTIFICATE: {
    meaning: 'a file holds no PEM certificate, or one that does not parse',
    fix: 'give PEM (`-----BEGIN CERTIFICATE-----`); convert DER with `openssl x509 -inform der`',
    message: ({ file, found }: { file: string; found: 'nothing' | 'unparsable' }) =>
      `${file} holds ${found === 'nothing' ? 'no PEM certificate' : 'a certificate that does not parse'}`,
  },
  AIS_TLS_NOT_YET_VALID: {
    meaning: "the certificate's validity starts in the future",
    fix: 'check the host clock, or wait until the date in the message',
    message: ({ file, notBefore }: { file: string; notBefore: Date }) => `${file} is valid only from ${notBefore.toISOString()}`,
  },
  AIS_TLS_PROXY_CONFIG_INVALID: {
    meaning:
      'after a certificate change, `nginx -t` failed in the running proxy, so it was not reloaded; it keeps serving its current configuration and certificate',
    fix: "fix what nginx's message (in the error) names, then `aistack tls reload`",
    message: ({ container, reloaded, output }: { container: string; reloaded: readonly string[]; output: string }) =>
      `nginx -t failed in ${container}${reloadedSoFar(reloaded)}, so it was not reloaded and keeps serving its current ` +
      `configuration and certificate:\n${output}`,
  },
  AIS_TLS_PROXY_RELOAD_FAILED: {
    meaning: '`nginx -t` passed but `nginx -s reload` failed in the proxy container',
    fix: "read nginx's message in the error; `aistack restart proxy` starts it afresh (open connections drop)",
    // output: `nginx -s reload` failed; timeoutMs: it succeeded, but no new workers started within that time.
    message: (facts: { container: string; reloaded: readonly string[] } & ({ output: string } | { timeoutMs: number })) =>
      'output' in facts
        ? `nginx -s reload failed in ${facts.container}${reloadedSoFar(facts.reloaded)}; it keeps serving its current configuration:\n${facts.output}`
        : `nginx in ${facts.container}${reloadedSoFar(facts.reloaded)} took the reload signal but started no new workers within ` +
          `${facts.timeoutMs} ms, so it still serves its previous configuration and certificate`,
  },
  AIS_TLS_UNREADABLE: {
    meaning:
      'a TLS file (under `.aistack/tls`, or the ACME account key under `.aistack/secrets`) exists but cannot be read; it is ' +
      'kept, never regenerated or re-issued',
    fix: 'make it readable by the user running aistack (it must belong to that user)',
    // reason: the errno code (EACCES), or what stands in for an error without one.
    message: ({ file, reason }: { file: string; reason: string }) => `cannot read ${file} (${reason})`,
  },
  AIS_TLS_WEAK_KEY: {
    meaning: 'an RSA key shorter than 2048 bits',
    fix: 'issue the certificate with an ECDSA P-256 or RSA 2048+ key',
    message: ({ file, bits }: { file: string; bits: number }) => `${file} is an RSA key of ${bits} bits; at least 2048 are needed`,
  },
});

export type TlsErrorCode = keyof typeof tlsErrors;
