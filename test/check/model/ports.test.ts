import { describe, expect, it } from 'vitest';
import { hostIpsOverlap, parsePorts } from '../../../src/check/model/ports.js';

describe('parsePorts', () => {
  it('reads the short and the long syntax', () => {
    const service = {
      name: 'web',
      profiles: [],
      value: {
        ports: [
          '80',
          '8080:80',
          '127.0.0.1:8443:443/tcp',
          '[::1]:9000-9001:9000-9001',
          '53:53/udp',
          { target: 80, published: '8081', host_ip: '10.0.0.1' },
        ],
      },
    };
    expect(
      parsePorts(service).map(({ hostIp, hostFrom, hostTo, containerFrom, protocol }) => [
        hostIp,
        hostFrom,
        hostTo,
        containerFrom,
        protocol,
      ]),
    ).toEqual([
      ['', undefined, undefined, 80, 'tcp'],
      ['', 8080, 8080, 80, 'tcp'],
      ['127.0.0.1', 8443, 8443, 443, 'tcp'],
      ['::1', 9000, 9001, 9000, 'tcp'],
      ['', 53, 53, 53, 'udp'],
      ['10.0.0.1', 8081, 8081, 80, 'tcp'],
    ]);
  });
});

describe('hostIpsOverlap', () => {
  it('different specific addresses do not clash; wildcards clash within their family', () => {
    expect(hostIpsOverlap('127.0.0.1', '127.0.0.2')).toBe(false);
    expect(hostIpsOverlap('0.0.0.0', '127.0.0.1')).toBe(true);
    expect(hostIpsOverlap('', '::1')).toBe(true);
    expect(hostIpsOverlap('::', '::1')).toBe(true);
    expect(hostIpsOverlap('::', '127.0.0.1')).toBe(false);
    expect(hostIpsOverlap('0.0.0.0', '::1')).toBe(false);
  });
});
