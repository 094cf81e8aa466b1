import { describe, expect, it } from 'vitest';
import { TlsError, wordError } from '../../../src/errors.js';

const notAfter = new Date('2027-01-02T03:04:05.000Z');

describe('the messages of the TLS and harden codes', () => {
  it('name the iptables command that failed and what it said', () => {
    expect(wordError('AIS_HARDEN_SAVE_FAILED', { reason: 'spawnSync iptables-save EACCES' })).toBe(
      'iptables-save failed: spawnSync iptables-save EACCES',
    );
    expect(wordError('AIS_HARDEN_APPLY_FAILED', { command: ['-I', 'DOCKER-USER', '-j', 'RETURN'], stderr: 'Permission denied' })).toBe(
      'iptables -I DOCKER-USER -j RETURN failed: Permission denied',
    );
  });

  it("name the hosts of a failed ACME order and the server's reason", () => {
    expect(wordError('AIS_TLS_ACME_FAILED', { hosts: ['ai.example.test', 'chat.ai.example.test'], reason: 'rate limited' })).toBe(
      'the ACME server did not issue a certificate for ai.example.test, chat.ai.example.test: rate limited',
    );
    expect(new TlsError('AIS_TLS_ACME_WILDCARD').message).toBe('http-01 cannot prove wildcard names');
  });

  it('say which file is wrong and how', () => {
    expect(wordError('AIS_TLS_FILE_MISSING', { file: 'certs/chain.pem', setting: 'chain' })).toBe(
      'cannot read certs/chain.pem (tls.chain in aistack.yaml)',
    );
    expect(wordError('AIS_TLS_NOT_A_CERTIFICATE', { file: 'cert.pem', found: 'nothing' })).toBe('cert.pem holds no PEM certificate');
    expect(wordError('AIS_TLS_NOT_A_CERTIFICATE', { file: 'cert.pem', found: 'unparsable' })).toBe(
      'cert.pem holds a certificate that does not parse',
    );
    expect(wordError('AIS_TLS_WEAK_KEY', { file: 'key.pem', bits: 1024 })).toBe(
      'key.pem is an RSA key of 1024 bits; at least 2048 are needed',
    );
    expect(wordError('AIS_TLS_UNREADABLE', { file: '.aistack/tls/live/privkey.pem', reason: 'EACCES' })).toBe(
      'cannot read .aistack/tls/live/privkey.pem (EACCES)',
    );
  });

  it('give the dates of a certificate outside its validity', () => {
    expect(wordError('AIS_TLS_EXPIRED', { file: 'cert.pem', notAfter })).toBe('cert.pem expired on 2027-01-02T03:04:05.000Z');
    expect(wordError('AIS_TLS_EXPIRING', { file: 'cert.pem', notAfter, days: 30 })).toBe(
      'cert.pem expires on 2027-01-02T03:04:05.000Z, in under 30 days',
    );
    expect(wordError('AIS_TLS_NOT_YET_VALID', { file: 'cert.pem', notBefore: notAfter })).toBe(
      'cert.pem is valid only from 2027-01-02T03:04:05.000Z',
    );
  });

  it("carry nginx's output, and name the proxies that did reload before one failed", () => {
    expect(wordError('AIS_TLS_PROXY_CONFIG_INVALID', { container: 'demo-proxy-1', reloaded: [], output: 'emerg' })).toBe(
      'nginx -t failed in demo-proxy-1, so it was not reloaded and keeps serving its current configuration and certificate:\nemerg',
    );
    expect(wordError('AIS_TLS_PROXY_RELOAD_FAILED', { container: 'demo-proxy-2', reloaded: ['demo-proxy-1'], output: 'no pid' })).toBe(
      'nginx -s reload failed in demo-proxy-2 (demo-proxy-1 did reload); it keeps serving its current configuration:\nno pid',
    );
    expect(wordError('AIS_TLS_PROXY_RELOAD_FAILED', { container: 'demo-proxy-1', reloaded: [], timeoutMs: 20_000 })).toBe(
      'nginx in demo-proxy-1 took the reload signal but started no new workers within 20000 ms, so it still serves its ' +
        'previous configuration and certificate',
    );
  });
});
