import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadProject } from '../../../src/project/load.js';
import { createEngine } from '../../../src/runtime/engine.js';
import { planProjectUpgrade } from '../../../src/runtime/plan-project-upgrade.js';
import type { UpgradePlan } from '../../../src/upgrade/plan.js';
import { renderUpgradePlan } from '../../../src/upgrade/render-plan.js';
import { BUILT_CLI, runBuiltCli } from '../../support/built-cli.js';
import { ensureTestImage } from '../../support/images.js';
import type { RegistryStandIn } from '../../support/registry-standin.js';
import { startRegistryStandIn } from '../../support/registry-standin.js';

/**
 * `upgrade plan` against a registry: images.registry points at a stand-in for a mirror on
 * 127.0.0.1 (test/support/registry-standin.ts: token auth, paginated tags/list, manifest lists and
 * OCI indexes, config blobs behind a redirect). Not a real registry: none can be installed here.
 * The catalog's ollama and redis run under the mirror; a custom app runs a word tag (`main`)
 * pulled from it, which the mirror then moves to a new image.
 */
const run = promisify(execFile);
const DAY = 86_400_000;
const update = process.env.UPDATE_GOLDEN === '1';
const golden = path.join(import.meta.dirname, 'golden');
/** Midnight UTC today: build times are days before it, so the CLI (real clock, same day) and the golden agree. */
const NOW = new Date(Math.floor(Date.now() / DAY) * DAY);
const daysAgo = (days: number): string => new Date(NOW.getTime() - days * DAY).toISOString();
const AGES = [60, 30, 20, 10, 2, 1];

describe.skipIf(!existsSync(BUILT_CLI))('upgrade plan with images.registry at a registry stand-in', () => {
  let registry: RegistryStandIn;
  let directory = '';
  let pulled = '';

  beforeAll(async () => {
    registry = await startRegistryStandIn({ auth: 'bearer', pageLimit: 3 });
    const mirror = 'ais-reg2-mirror';
    const amd64 = (days: number) => ({ os: 'linux', architecture: 'amd64', created: daysAgo(days) });
    const arm64 = (days: number) => ({ os: 'linux', architecture: 'arm64', variant: 'v8', created: daysAgo(days) });
    registry.add(`${mirror}/ollama/ollama`, '0.32.15', { created: daysAgo(60) });
    registry.add(`${mirror}/ollama/ollama`, '0.33.0', { created: daysAgo(30) });
    // An OCI index: the build time is the linux/amd64 image's (the arm64 one is older).
    registry.add(`${mirror}/ollama/ollama`, '0.33.1', { platforms: [arm64(20), amd64(2)], oci: true });
    registry.add(`${mirror}/ollama/ollama`, '0.33.1-rocm', { created: daysAgo(30) });
    registry.add(`${mirror}/ollama/ollama`, 'latest', { created: daysAgo(2) });
    registry.add(`${mirror}/redis`, '8.10.1-alpine', { created: daysAgo(60) });
    registry.add(`${mirror}/redis`, '8.10.2-alpine', { platforms: [amd64(20), arm64(20)] });
    registry.add(`${mirror}/redis`, '8.12.0', { created: daysAgo(30) });
    registry.add(`${mirror}/redis`, '8.12.0-alpine', { created: daysAgo(1) });
    // The app's `main`: pulled by the Engine, then moved to an image built 10 days ago.
    await registry.addLocal(`${mirror}/team/app`, 'main', await ensureTestImage('busybox'));
    pulled = `${registry.host}/${mirror}/team/app:main`;
    await run('docker', ['pull', '--quiet', pulled]);
    registry.add(`${mirror}/team/app`, 'main', { created: daysAgo(10) });

    directory = await mkdtemp(path.join(os.tmpdir(), 'ais-reg2-plan-'));
    await writeFile(
      path.join(directory, 'aistack.yaml'),
      [
        'name: ais-reg2-plan',
        'domain: ai.localhost',
        'services:',
        '  ollama: {}',
        '  redis: {}',
        'images:',
        `  registry: ${registry.host}/${mirror}`,
        'monitor: { enabled: false }',
        'custom:',
        '  app:',
        `    image: ${pulled}`,
        '    port: 8080',
        '',
      ].join('\n'),
    );
  }, 300_000);

  afterAll(async () => {
    if (pulled) await run('docker', ['rmi', '-f', pulled]).catch(() => undefined);
    await registry?.close();
    if (directory) await rm(directory, { recursive: true, force: true });
  });

  /** The stand-in's port and the dates (days before today) made stable for a golden file. */
  const normalize = (text: string): string => {
    let result = text.replaceAll(registry.host, '<registry>');
    for (const days of [...AGES, -5, -6]) {
      const iso = daysAgo(days);
      const label = days < 0 ? `<today+${-days}d>` : `<today-${days}d>`;
      result = result.replaceAll(iso, label).replaceAll(iso.slice(0, 10), label);
    }
    return result.replaceAll(NOW.toISOString(), '<today>');
  };

  async function expectGolden(name: string, actual: string): Promise<void> {
    const file = path.join(golden, name);
    if (update) await writeFile(file, actual);
    expect(actual).toBe(await readFile(file, 'utf8'));
  }

  it('plans from the mirror: newer tags with the same suffix, the quarantine from the config blob, a moved word tag (golden)', async () => {
    const plan = await planProjectUpgrade(createEngine(), await loadProject(directory), { registries: [], now: NOW });
    await expectGolden('plan-registry.txt', normalize(renderUpgradePlan(plan)));
    await expectGolden('plan-registry.json', normalize(`${JSON.stringify(plan, null, 2)}\n`));
    // A token was fetched from the realm and the tag lists were read in pages of three.
    expect(registry.tokens.length).toBeGreaterThan(0);
    expect(registry.requests.some((request) => request.url.includes('/tags/list?n=3&last='))).toBe(true);
  });

  it('`aistack upgrade plan --json` (the built CLI, real clock) proposes the same steps', async () => {
    const result = await runBuiltCli(['-C', directory, 'upgrade', 'plan', '--json']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const plan = JSON.parse(result.stdout) as UpgradePlan;
    expect(plan.offline).toBe(false);
    const steps = Object.fromEntries(
      plan.services.map((service) => [
        service.service,
        `${service.source}: ${service.steps.map((step) => `${step.toTag} ${step.origin} ${step.verdict}`).join(', ')}`,
      ]),
    );
    expect(steps).toEqual({
      app: 'registry: main digest safe',
      ollama: 'registry: 0.33.0 registry safe, 0.33.1 registry blocked',
      redis: 'registry: 8.10.2-alpine registry safe, 8.12.0-alpine registry blocked',
    });
    const quarantined = plan.services.find((service) => service.service === 'ollama')!.steps[1]!;
    expect(quarantined).toMatchObject({ createdAt: daysAgo(2), quarantinedUntil: new Date(NOW.getTime() + 5 * DAY).toISOString() });
    expect(quarantined.rules.map((rule) => rule.id)).toEqual(['quarantine']);

    const text = await runBuiltCli(['-C', directory, 'upgrade', 'plan']);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^ollama +0\.32\.15\* +0\.32\.15 +0\.33\.0 safe, 0\.33\.1 blocked +registry 127\.0\.0\.1:\d+$/m);
  });

  it('a registry that refuses the connection is reported per service, and the plan falls back to the catalog and this host', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const refused = await mkdtemp(path.join(os.tmpdir(), 'ais-reg2-plan-'));
    try {
      await writeFile(
        path.join(refused, 'aistack.yaml'),
        [
          'name: ais-reg2-refused',
          'domain: ai.localhost',
          'services:',
          '  redis: {}',
          'images:',
          `  registry: 127.0.0.1:${port}/mirror`,
          'monitor: { enabled: false }',
          '',
        ].join('\n'),
      );
      const result = await runBuiltCli(['-C', refused, 'upgrade', 'plan', '--json']);
      expect(result.code).toBe(0);
      const plan = JSON.parse(result.stdout) as UpgradePlan;
      expect(plan.offline).toBe(true);
      expect(plan.services.map((service) => `${service.service} ${service.source}: ${service.sourceNote}`)).toEqual([
        `redis registry-error: registry 127.0.0.1:${port} did not answer (tags/list: connection refused (ECONNREFUSED)); catalog and this host only`,
      ]);
    } finally {
      await rm(refused, { recursive: true, force: true });
    }
  });
});
