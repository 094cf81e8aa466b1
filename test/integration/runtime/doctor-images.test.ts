import { execFile } from 'node:child_process';
import { webcrypto } from 'node:crypto';
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveProjectPaths } from '../../../src/project/paths.js';
import { runDoctor } from '../../../src/runtime/doctor.js';
import { createEngine } from '../../../src/runtime/engine.js';
import { loadImages, saveImages } from '../../../src/runtime/images.js';
import type { Stack, StackService } from '../../../src/stack/types.js';
import { ensureTestImage } from '../../support/images.js';
import { freePort } from './support.js';

const run = promisify(execFile);

function stackWith(services: Partial<StackService>[], proxy: Stack['proxy']): Stack {
  return {
    name: 'doctor-test',
    domain: 'ai.localhost',
    services: services.map(
      (service) =>
        ({
          id: 'svc',
          image: 'aistack-test/busybox:1',
          resources: { memoryMb: 256, cpus: 1, pids: 100 },
          replicas: 1,
          gpu: false,
          ...service,
        }) as StackService,
    ),
    secrets: [],
    volumes: [],
    databases: [],
    tls: { mode: 'self-signed' },
    proxy,
    portPlan: [],
    monitor: { enabled: false, intervalSeconds: 30, retentionDays: 1, monitors: [], rules: [], notifiers: [] },
    backup: { directory: undefined, schedule: undefined, keep: {}, s3: undefined, includeModels: false },
    upgrade: { quarantineDays: undefined, quarantineByService: {}, registry: undefined },
    manifest: {} as Stack['manifest'],
  };
}

describe('doctor and images on this host', () => {
  let directory = '';
  const blockers: net.Server[] = [];
  beforeAll(async () => {
    directory = await mkdtemp(path.join(os.tmpdir(), 'aistack-doctor-'));
  });
  afterAll(async () => {
    for (const server of blockers) server.close();
    await rm(directory, { recursive: true, force: true });
  });

  it('reports the engine and compose, a taken proxy port with the command that finds its owner, a GPU without runtime and an expired certificate', async () => {
    const taken = await freePort();
    const free = await freePort();
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(taken, '127.0.0.1', resolve));
    blockers.push(blocker);
    const paths = resolveProjectPaths(directory);
    await mkdir(paths.tls, { recursive: true });
    await writeFile(path.join(paths.tls, 'expired.crt'), await expiredCertificate());
    const stack = stackWith([{ id: 'ollama', gpu: 'nvidia', resources: { memoryMb: 1024, cpus: 1, pids: 100 } }], {
      httpPort: taken,
      httpsPort: free,
      bind: '127.0.0.1',
    });
    await ensureTestImage('busybox');
    const checks = await runDoctor(createEngine(), paths, stack, new Date('2026-06-01T00:00:00Z'));
    const byName = Object.fromEntries(checks.map((check) => [check.name, check]));
    expect(byName['docker engine']).toMatchObject({ status: 'ok' });
    expect(byName['docker engine']!.detail).toMatch(/^\d+\.\d+/);
    expect(byName.compose).toMatchObject({ status: 'ok' });
    expect(byName[`port ${taken}`]).toEqual({
      name: `port ${taken}`,
      status: 'fail',
      detail: 'in use on 127.0.0.1; the proxy cannot publish it',
      fix: `find the owner with \`ss -ltnp 'sport = :${taken}'\` and stop it, or set proxy.httpPort in aistack.yaml`,
    });
    expect(byName[`port ${free}`]).toMatchObject({ status: 'ok', detail: 'free on 127.0.0.1' });
    expect(byName.memory).toMatchObject({ status: 'ok' });
    expect(byName.images).toEqual({ name: 'images', status: 'ok', detail: 'its one image is on this host' });
    expect(byName.gpu).toMatchObject({
      status: 'fail',
      // No GPU device on this host at all (accelerator detection, docs/models.md), so no runtime can help.
      detail:
        'ollama ask for NVIDIA but containers on this host cannot have it; detected no GPU (no /dev/nvidia*, ' +
        '/proc/driver/nvidia, /dev/kfd or /dev/dri/renderD*)',
      fix: 'set gpu: false in aistack.yaml, or run on a host with a GPU',
    });
    expect(byName['certificate .aistack/tls/expired.crt']).toMatchObject({
      status: 'fail',
      fix: 'aistack up (renews certificates that are due)',
    });
    expect(byName['certificate .aistack/tls/expired.crt']!.detail).toMatch(/^expired \d+ days ago/);
  });

  it('saves images to a tar and loads them back on a host that lost them', async () => {
    const busybox = await ensureTestImage('busybox');
    const tag = `aistack-test/save-load:${process.pid}`;
    await run('docker', ['tag', busybox, tag]);
    const file = path.join(directory, 'images.tar');
    await saveImages([tag, tag], file);
    await run('docker', ['rmi', tag]);
    expect(await createEngine().imageId(tag)).toBeUndefined();
    expect(await loadImages(file)).toEqual([tag]);
    expect(await createEngine().imageId(tag)).toBe(await createEngine().imageId(busybox));
    await run('docker', ['rmi', tag]);
    await expect(saveImages(['aistack-test/not-here:0'], file)).rejects.toMatchObject({ code: 'AIS_RUNTIME_IMAGES_FAILED' });
  });
});

/** A self-signed certificate that ended on 2026-01-01. */
async function expiredCertificate(): Promise<string> {
  x509.cryptoProvider.set(webcrypto as Crypto);
  const algorithm = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
  const keys = await webcrypto.subtle.generateKey(algorithm, false, ['sign', 'verify']);
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: '01',
    name: 'CN=expired.test',
    notBefore: new Date('2025-01-01T00:00:00Z'),
    notAfter: new Date('2026-01-01T00:00:00Z'),
    signingAlgorithm: algorithm,
    keys,
  });
  return certificate.toString('pem');
}
