import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HSTS } from '../../../src/render/proxy/headers.js';
import { stackFromYaml } from '../../render/proxy/support/stack.js';
import { startProxy } from './harness.js';
import type { RunningProxy } from './harness.js';
import { startUpstream } from './upstreams.js';
import type { TestUpstream } from './upstreams.js';

interface Finding {
  readonly id: string;
  readonly severity: string;
  readonly finding: string;
}

const stack = stackFromYaml(`
name: testssl
domain: ai.example.test
services:
  open-webui:
monitor:
  enabled: false
`);

let proxy: RunningProxy;
let upstream: TestUpstream;
let findings: Finding[] = [];

beforeAll(async () => {
  upstream = await startUpstream('open-webui');
  proxy = await startProxy(stack, new Map([['open-webui', upstream.port]]));
  const jsonFile = path.join(proxy.root, 'testssl.json');
  // Protocols, standard cipher categories and HTTP headers only: the full scan takes minutes.
  await new Promise<void>((resolve, reject) => {
    const child = spawn(
      'testssl',
      [
        '--quiet',
        '--color',
        '0',
        '--warnings',
        'off',
        '--sneaky',
        '-p',
        '-s',
        '-h',
        '--jsonfile',
        jsonFile,
        '--ip',
        '127.0.0.1',
        `https://chat.ai.example.test:${proxy.httpsPort}/`,
      ],
      { stdio: 'ignore' },
    );
    const timer = setTimeout(() => child.kill('SIGKILL'), 240_000);
    child.once('error', reject);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });
  findings = JSON.parse(await readFile(jsonFile, 'utf8')) as Finding[];
}, 300_000);

afterAll(async () => {
  await proxy?.stop();
  await upstream?.close();
});

const find = (id: string): Finding | undefined => findings.find((finding) => finding.id === id);

describe('testssl.sh against the rendered nginx', () => {
  it('offers TLS 1.2 and 1.3 only (no SSLv2, SSLv3, TLS 1.0 or 1.1)', () => {
    expect(find('SSLv2')?.finding).toBe('not offered');
    expect(find('SSLv3')?.finding).toBe('not offered');
    expect(find('TLS1')?.finding).toBe('not offered');
    expect(find('TLS1_1')?.finding).toBe('not offered');
    expect(find('TLS1_2')?.finding).toBe('offered');
    expect(find('TLS1_3')?.finding).toMatch(/^offered/);
  });

  it('offers no weak cipher category (NULL, anonymous, export, low, 3DES/IDEA, average: only strong)', () => {
    for (const id of [
      'cipherlist_NULL',
      'cipherlist_aNULL',
      'cipherlist_EXPORT',
      'cipherlist_LOW',
      'cipherlist_3DES_IDEA',
      'cipherlist_AVERAGE',
    ]) {
      expect(find(id)?.finding, id).toBe('not offered');
    }
    expect(find('cipherlist_STRONG')?.finding).toBe('offered');
  });

  it('sees HSTS of two years', () => {
    expect(find('HSTS_time')?.finding).toContain('730 days');
    expect(find('HSTS_time')?.finding).toContain('=63072000 seconds');
    expect(HSTS).toContain('max-age=63072000');
  });
});
