import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveProjectPaths } from '../../src/project/paths.js';
import { prepareSecurity } from '../../src/tls/prepare-security.js';
import { createRenewalScheduler } from '../../src/tls/renewal-scheduler.js';
import { stackFromYaml } from '../render/proxy/support/stack.js';

const stack = stackFromYaml('name: demo\ndomain: ai.example.test\nservices:\n  open-webui:\n');
const DAY = 86_400_000;
let directory: string;
beforeEach(async () => {
  directory = await mkdtemp(path.join(os.tmpdir(), 'aistack-renewal-'));
});
afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe('createRenewalScheduler', () => {
  it('is off where the TLS directory cannot be written (the in-stack monitor) and says what to do instead', async () => {
    const paths = resolveProjectPaths(path.join(directory, 'missing'));
    const scheduler = createRenewalScheduler({ stack, paths, reload: async () => ({ reloaded: [] }) });
    expect(await scheduler.enabled()).toEqual({
      enabled: false,
      reason:
        `${paths.tls} is not writable here (the in-stack monitor holds no keys): renew with \`aistack tls renew\` on the host ` +
        `(a daily timer), or run \`aistack serve\` there`,
    });
  });

  it('issues nothing before the first certificate, reloads only after a change, and reports a failed reload as its problem', async () => {
    const paths = resolveProjectPaths(directory);
    await mkdir(paths.tls, { recursive: true });
    const reloads: number[] = [];
    let failing = false;
    let now = Date.now();
    const scheduler = createRenewalScheduler({
      stack,
      paths,
      now: () => now,
      reload: async () => {
        reloads.push(now);
        if (failing) throw new Error('nginx -t failed');
        return { reloaded: ['demo-proxy-1'] };
      },
    });
    expect(await scheduler.runNow()).toMatchObject({ summary: 'no certificate yet', problem: undefined });
    await prepareSecurity(stack, paths, { now: new Date(now) });
    expect(await scheduler.runNow()).toMatchObject({ summary: 'certificate is current', problem: undefined });
    expect(reloads).toEqual([]);
    now += 380 * DAY;
    failing = true;
    expect((await scheduler.runNow()).problem).toBe('certificate renewal failed: nginx -t failed');
    expect(scheduler.problem()).toBe('certificate renewal failed: nginx -t failed');
    expect(reloads).toHaveLength(1);
    // Renewed already, but the proxy still owes the reload: the next run retries it.
    failing = false;
    expect(await scheduler.runNow()).toMatchObject({ summary: 'certificate is current; reloaded demo-proxy-1', problem: undefined });
    expect(reloads).toHaveLength(2);
    expect(await scheduler.runNow()).toMatchObject({ summary: 'certificate is current' });
    expect(reloads).toHaveLength(2);
  });
});
