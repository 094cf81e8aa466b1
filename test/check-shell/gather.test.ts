import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as x509 from '@peculiar/x509';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gatherCertificate } from '../../src/check-shell/gather-certificate.js';
import { gatherFileModes } from '../../src/check-shell/gather-file-modes.js';
import { gatherPortsInUse } from '../../src/check-shell/gather-ports-in-use.js';
import { parseCompose } from '../../src/check/model/compose-model.js';

let directory: string;
let server: net.Server;
let busyPort: number;

beforeAll(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'aistack-check-gather-'));
  server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  busyPort = (server.address() as net.AddressInfo).port;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await rm(directory, { recursive: true, force: true });
});

async function createCertificate(names: string[], notAfter: Date): Promise<{ certificate: string; key: string; otherKey: string }> {
  x509.cryptoProvider.set(webcrypto as unknown as Crypto);
  const algorithm = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
  const keys = await webcrypto.subtle.generateKey(algorithm, true, ['sign', 'verify']);
  const other = await webcrypto.subtle.generateKey(algorithm, true, ['sign', 'verify']);
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: '01',
    name: `CN=${names[0]}`,
    notBefore: new Date(notAfter.getTime() - 90 * 86_400_000),
    notAfter,
    keys,
    signingAlgorithm: algorithm,
    extensions: [new x509.SubjectAlternativeNameExtension(names.map((value) => ({ type: 'dns' as const, value })))],
  });
  const pem = async (key: CryptoKey): Promise<string> =>
    x509.PemConverter.encode(await webcrypto.subtle.exportKey('pkcs8', key), 'PRIVATE KEY');
  return { certificate: certificate.toString('pem'), key: await pem(keys.privateKey), otherKey: await pem(other.privateKey) };
}

describe('gather', () => {
  it('finds a host port something listens on, and names the process from /proc', async () => {
    const compose = parseCompose({
      file: 'compose.yaml',
      text: `services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "${busyPort}:80"\n`,
    });
    const busy = await gatherPortsInUse(compose);
    expect(busy.map((entry) => [entry.port, entry.protocol])).toEqual([[busyPort, 'tcp']]);
    expect(busy[0]?.owner).toMatch(new RegExp(`^pid ${process.pid}( \\(.+\\))?$`));
  });

  it('skips ports the project itself holds', async () => {
    const compose = parseCompose({
      file: 'compose.yaml',
      text: `services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "127.0.0.1:${busyPort}:80"\n`,
    });
    expect(await gatherPortsInUse(compose, new Set([busyPort]))).toEqual([]);
  });

  it('reads the modes of secret files', async () => {
    await writeFile(path.join(directory, 'wide.txt'), 'x');
    await chmod(path.join(directory, 'wide.txt'), 0o640);
    const compose = parseCompose({
      file: 'compose.yaml',
      text: 'services: {}\nsecrets:\n  a:\n    file: ./wide.txt\n  b:\n    file: ./missing.txt\n',
    });
    await chmod(directory, 0o755);
    expect(await gatherFileModes(compose, directory)).toEqual([{ source: './wide.txt', mode: 0o640, enclosed: false }]);
  });

  it('knows a secret file inside a directory other users cannot enter is out of their reach', async () => {
    await chmod(directory, 0o755);
    await mkdir(path.join(directory, 'private'), { mode: 0o700 });
    await writeFile(path.join(directory, 'private/copy'), 'x', { mode: 0o444 });
    const compose = parseCompose({ file: 'compose.yaml', text: 'services: {}\nsecrets:\n  a:\n    file: ./private/copy\n' });
    expect(await gatherFileModes(compose, directory)).toEqual([{ source: './private/copy', mode: 0o444, enclosed: true }]);
  });

  it('reads a certificate: expiry, names, and whether the key matches', async () => {
    const notAfter = new Date('2027-03-01T00:00:00Z');
    const { certificate, key, otherKey } = await createCertificate(['ai.example.com', '*.ai.example.com'], notAfter);
    await writeFile(path.join(directory, 'cert.pem'), certificate);
    await writeFile(path.join(directory, 'key.pem'), key);
    await writeFile(path.join(directory, 'other.pem'), otherKey);
    expect(await gatherCertificate(path.join(directory, 'cert.pem'), path.join(directory, 'key.pem'), 'cert.pem')).toEqual({
      file: 'cert.pem',
      notAfter: '2027-03-01T00:00:00.000Z',
      subjectAltNames: ['ai.example.com', '*.ai.example.com'],
      keyMatches: true,
    });
    expect((await gatherCertificate(path.join(directory, 'cert.pem'), path.join(directory, 'other.pem'), 'cert.pem'))?.keyMatches).toBe(
      false,
    );
  });
});
