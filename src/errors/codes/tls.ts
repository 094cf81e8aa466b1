import { defineErrorCodes } from '../define-error-codes.js';

/** The codes of docs/errors/tls.md, in the order of its table. */
export const tlsErrors = defineErrorCodes({
  AIS_HARDEN_APPLY_FAILED: {
    meaning: 'an iptables command of `aistack harden --apply` failed',
    fix: 'the message names it; the previous rules are in the backup file it names (`iptables-restore < file`)',
  },
  AIS_HARDEN_SAVE_FAILED: {
    meaning: '`iptables-save` failed, so nothing was applied',
    fix: 'run as root on the Docker host; or use `aistack harden --print` and apply the script yourself',
  },
  AIS_TLS_ACME_FAILED: {
    meaning: 'the ACME server did not issue a certificate (challenge failed, rate limit, server unreachable)',
    fix: "every name must resolve to this host and port 80 must reach the proxy; read the server's reason in the message",
  },
  AIS_TLS_ACME_WILDCARD: {
    meaning: 'a wildcard name was given to the http-01 ACME flow, which cannot prove it',
    fix: 'list each host name (aistack does this for every route)',
  },
  AIS_TLS_BAD_KEY: {
    meaning: 'the key file of `tls: mode: files` is not a PEM private key, or it is encrypted',
    fix: 'give an unencrypted PEM key (`openssl pkey -in key.pem -out plain.pem`)',
  },
  AIS_TLS_CHAIN_BROKEN: {
    meaning: 'in the certificate (and chain) file, a certificate is not signed by the one after it',
    fix: "put the leaf first, then its issuer, then that one's issuer",
  },
  AIS_TLS_EXPIRED: {
    meaning: 'the user-supplied certificate has expired',
    fix: 'renew it, or switch to `mode: acme`',
  },
  AIS_TLS_EXPIRING: {
    meaning: 'the certificate expires within 30 days (a warning)',
    fix: 'renew it; `acme` and `self-signed` renew on their own with `aistack tls renew`',
  },
  AIS_TLS_FILE_MISSING: {
    meaning: 'a file named in `tls:` cannot be read',
    fix: 'paths are relative to the project directory',
  },
  AIS_TLS_KEY_MISMATCH: {
    meaning: 'the key file does not belong to the certificate',
    fix: 'use the key the certificate was issued for',
  },
  AIS_TLS_NAME_MISSING: {
    meaning: 'the certificate does not cover a host name a route uses',
    fix: 'get a certificate with every name the message lists (or a wildcard for the domain)',
  },
  AIS_TLS_NOT_A_CERTIFICATE: {
    meaning: 'a file holds no PEM certificate, or one that does not parse',
    fix: 'give PEM (`-----BEGIN CERTIFICATE-----`); convert DER with `openssl x509 -inform der`',
  },
  AIS_TLS_NOT_YET_VALID: {
    meaning: "the certificate's validity starts in the future",
    fix: 'check the host clock, or wait until the date in the message',
  },
  AIS_TLS_PROXY_CONFIG_INVALID: {
    meaning:
      'after a certificate change, `nginx -t` failed in the running proxy, so it was not reloaded; it keeps serving its current configuration and certificate',
    fix: "fix what nginx's message (in the error) names, then `aistack tls reload`",
  },
  AIS_TLS_PROXY_RELOAD_FAILED: {
    meaning: '`nginx -t` passed but `nginx -s reload` failed in the proxy container',
    fix: "read nginx's message in the error; `aistack restart proxy` starts it afresh (open connections drop)",
  },
  AIS_TLS_UNREADABLE: {
    meaning:
      'a TLS file (under `.aistack/tls`, or the ACME account key under `.aistack/secrets`) exists but cannot be read; it is ' +
      'kept, never regenerated or re-issued',
    fix: 'make it readable by the user running aistack (it must belong to that user)',
  },
  AIS_TLS_WEAK_KEY: {
    meaning: 'an RSA key shorter than 2048 bits',
    fix: 'issue the certificate with an ECDSA P-256 or RSA 2048+ key',
  },
});

export type TlsErrorCode = keyof typeof tlsErrors;
