import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureSecrets } from '../../../src/secrets/ensure.js';
import { renderHelmChart } from '../../../src/render/helm/render-helm-chart.js';
import { renderKubernetes } from '../../../src/render/kubernetes/render-kubernetes.js';
import { renderSecretCommands } from '../../../src/render/kubernetes/render-secret-commands.js';
import { loadGoldenProject } from './render-project.js';

const run = promisify(execFile);
let directory: string;

beforeAll(async () => {
  directory = await mkdtemp(path.join(os.tmpdir(), 'aisk8s-secrets-'));
});
afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe('secrets on the Kubernetes target', () => {
  it('no secret value is in any rendered manifest, chart file or export command (full preset)', async () => {
    const project = await loadGoldenProject('full');
    const secrets = path.join(directory, '.aistack', 'secrets');
    await ensureSecrets(secrets, project.stack.secrets);
    const values = await Promise.all(project.stack.secrets.map((secret) => readFile(path.join(secrets, secret.name), 'utf8')));
    expect(values.length).toBeGreaterThan(20);
    const texts = [...renderKubernetes(project.stack), ...renderHelmChart(project.stack)].map((file) => file.content);
    texts.push(renderSecretCommands(project.stack));
    for (const value of values) {
      expect(value.trim().length).toBeGreaterThanOrEqual(16);
      for (const text of texts) expect(text.includes(value.trim())).toBe(false);
    }
    expect(texts.join('\n')).not.toMatch(/^kind: Secret$/m);
  });

  it('each export command reads its file: kubectl turns it into a Secret holding exactly the file (offline, --dry-run=client)', async () => {
    const project = await loadGoldenProject('starter');
    await ensureSecrets(path.join(directory, '.aistack', 'secrets'), project.stack.secrets);
    const commands = renderSecretCommands(project.stack)
      .split('\n')
      .filter((line) => line.includes('create secret generic'));
    expect(commands.length).toBeGreaterThan(5);
    const first = commands[0] ?? '';
    const words = first.split(' | ')[0]?.split(' ') ?? [];
    expect(words.slice(0, 1)).toEqual(['kubectl']);
    const { stdout } = await run('kubectl', words.slice(1), { cwd: directory, timeout: 60_000 });
    const secret = parse(stdout) as { kind: string; metadata: { name: string }; data: { value: string } };
    const file = /--from-file=value=(\S+)/.exec(first)?.[1] ?? '';
    expect(secret.kind).toBe('Secret');
    expect(Buffer.from(secret.data.value, 'base64').toString('utf8')).toBe(await readFile(path.join(directory, file), 'utf8'));
  });
});
