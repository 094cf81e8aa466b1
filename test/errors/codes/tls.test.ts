import { describe, expect, it } from 'vitest';
import { TlsError, wordProblem } from '../../../src/errors.js';

const notAfter = new Date('2027-01-02T03:04:05.000Z');

describe('the messages of the TLS and harden codes', () => {
  it('name the iptables command that failed and what it said', () => {
    expect(wordProblem('AIS_HARDEN_SAVE_FAILED', { reason: 'spawnSync iptables-save EACCES' }).message).toBe(
      'iptables-save failed: spawnSync iptables-save EACCES',
    );
    expect(
      wordProblem('AIS_HARDEN_APPLY_FAILED', { command: ['-I', 'DOCKER-USER', '-j', 'RETURN'], stderr: 'Permission denied' }).message,
    ).toBe('iptables -I DOCKER-USER -j RETURN failed: Permission denied');
  });

  it("name the hosts of a failed ACME order and the server's reason", () => {
    expect(wordProblem('AIS_TLS_ACME_FAILED', { hosts: ['ai.example.test', 'chat.ai.example.test'], reason: 'rate limited' }).message).toBe(
      'the ACME server did not issue a certificate for ai.example.test, chat.ai.example.test: rate limited',
    );
    expect(new TlsError('AIS_TLS_ACME_WILDCARD').message).toBe('http-01 cannot prove wildcard names');
  });

  it('say which file is wrong and how', () => {
    expect(wordProblem('AIS_TLS_FILE_MISSING', { file: 'certs/chain.pem', setting: 'chain' }).message).toBe(
      'cannot read certs/chain.pem (tls.chain in aistack.yaml)',
    );
    expect(wordProblem('AIS_TLS_NOT_A_CERTIFICATE', { file: 'cert.pem', found: 'nothing' }).message).toBe(
      'cert.pem holds no PEM certificate',
    );
    expect(wordProblem('AIS_TLS_NOT_A_CERTIFICATE', { file: 'cert.pem', found: 'unparsable' }).message).toBe(
      'cert.pem holds a certificate that does not parse',
    );
    expect(wordProblem('AIS_TLS_WEAK_KEY', { file: 'key.pem', bits: 1024 }).message).toBe(
      'key.pem is an RSA key of 1024 bits; at least 2048 are needed',
    );
    expect(wordProblem('AIS_TLS_UNREADABLE', { file: '.aistack/tls/live/privkey.pem', reason: 'EACCES' }).message).toBe(
      'cannot read .aistack/tls/live/privkey.pem (EACCES)',
    );
  });

  it('give the dates of a certificate outside its validity', () => {
    expect(wordProblem('AIS_TLS_EXPIRED', { file: 'cert.pem', notAfter }).message).toBe('cert.pem expired on 2027-01-02T03:04:05.000Z');
    expect(wordProblem('AIS_TLS_EXPIRING', { file: 'cert.pem', notAfter, days: 30 }).message).toBe(
      'cert.pem expires on 2027-01-02T03:04:05.000Z, in under 30 days',
    );
    expect(wordProblem('AIS_TLS_NOT_YET_VALID', { file: 'cert.pem', notBefore: notAfter }).message).toBe(
      'cert.pem is valid only from 2027-01-02T03:04:05.000Z',
    );
  });

  it("carry nginx's output, and name the proxies that did reload before one failed", () => {
    expect(wordProblem('AIS_TLS_PROXY_CONFIG_INVALID', { container: 'demo-proxy-1', reloaded: [], output: 'emerg' }).message).toBe(
      'nginx -t failed in demo-proxy-1, so it was not reloaded and keeps serving its current configuration and certificate:\nemerg',
    );
    expect(
      wordProblem('AIS_TLS_PROXY_RELOAD_FAILED', { container: 'demo-proxy-2', reloaded: ['demo-proxy-1'], output: 'no pid' }).message,
    ).toBe('nginx -s reload failed in demo-proxy-2 (demo-proxy-1 did reload); it keeps serving its current configuration:\nno pid');
    expect(wordProblem('AIS_TLS_PROXY_RELOAD_FAILED', { container: 'demo-proxy-1', reloaded: [], timeoutMs: 20_000 }).message).toBe(
      'nginx in demo-proxy-1 took the reload signal but started no new workers within 20000 ms, so it still serves its ' +
        'previous configuration and certificate',
    );
  });
});
